import type { TestDatabase } from '@agno-migrate/test-infra';

const JSON_COLUMNS = new Set([
  'session_data',
  'agent_data',
  'team_data',
  'workflow_data',
  'metadata',
  'runs',
  'summary',
  'memory',
  'topics',
]);
const NUMBER_COLUMNS = new Set(['created_at', 'updated_at']);

/** A v2 row as plain values, whatever the driver returned: JSON parsed (SQLite returns its text), BIGINTs as numbers. */
function normalise(row: Record<string, unknown>, jsonAsText: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(row)) {
    if (value === null || value === undefined) out[column] = null;
    else if (jsonAsText && JSON_COLUMNS.has(column) && typeof value === 'string') out[column] = JSON.parse(value);
    else if (NUMBER_COLUMNS.has(column)) out[column] = Number(value);
    else out[column] = value;
  }
  return out;
}

/** Every row of a v2 table, by key. */
export async function readV2(db: TestDatabase, table: string, key: string): Promise<Record<string, Record<string, unknown>>> {
  const rows = await db.rows(`SELECT * FROM ${db.qualify(table)} ORDER BY ${db.quoteIdent(key)}`);
  return Object.fromEntries(rows.map((row) => [String(row[key]), normalise(row, db.flavor === 'sqlite')]));
}

export async function count(db: TestDatabase, table: string): Promise<number> {
  const rows = await db.rows(`SELECT COUNT(*) AS n FROM ${db.qualify(table)}`);
  return Number(rows[0]?.['n']);
}
