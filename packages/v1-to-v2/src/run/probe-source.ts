import type { Connection, Dialect } from '@agno-migrate/core';
import { ConfigurationError } from '@agno-migrate/core';
import type { SourceKind } from '../report.js';
import type { SourceTable } from '../sql/source-table.js';
import { sourceTable } from '../sql/source-table.js';

const LABEL: Readonly<Record<SourceKind, string>> = {
  agentSessions: 'agent sessions',
  teamSessions: 'team sessions',
  workflowSessions: 'workflow sessions',
  memories: 'memories',
};

/**
 * Checks that a named v1 table exists and finds the key its pages are ordered by: session_id for
 * sessions; `id` for Agno 1.x memory tables (`memory_id` accepted for tables shaped like v2's).
 */
export async function probeSource(
  conn: Connection,
  dialect: Dialect,
  kind: SourceKind,
  schema: string | undefined,
  table: string,
): Promise<SourceTable> {
  const candidate = sourceTable(dialect, schema, table, kind === 'memories' ? 'id' : 'session_id');
  let columns: string[] | null;
  try {
    const result = await conn.query(`SELECT * FROM ${candidate.sql} LIMIT 1`, []);
    columns = result.rows[0] ? Object.keys(result.rows[0]) : null;
  } catch (error) {
    if (dialect.errors.isUndefinedTable(error)) {
      throw new ConfigurationError(
        `the v1 ${LABEL[kind]} table ${candidate.display} does not exist: check the table name${schema === undefined ? '' : ' and the v1 schema'}`,
        { table: candidate.display },
      );
    }
    throw error;
  }
  const keys = kind === 'memories' ? ['id', 'memory_id'] : ['session_id'];
  if (columns === null) columns = await emptyTableKeys(conn, candidate, dialect, keys);
  const key = keys.find((k) => columns!.includes(k));
  if (key === undefined) {
    throw new ConfigurationError(`${candidate.display} has no ${keys.join(' or ')} column: is it a v1 ${LABEL[kind]} table?`, {
      table: candidate.display,
    });
  }
  return { ...candidate, key };
}

/** An empty table shows no columns in its rows: ask for each candidate key instead. */
async function emptyTableKeys(conn: Connection, source: SourceTable, dialect: Dialect, keys: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const key of keys) {
    try {
      await conn.query(`SELECT ${dialect.emitter.quoteIdent(key)} FROM ${source.sql} WHERE 1 = 0`, []);
      found.push(key);
    } catch {
      // no such column
    }
  }
  return found;
}
