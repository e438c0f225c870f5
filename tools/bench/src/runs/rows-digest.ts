import { RUN_COLUMNS } from '@agno-migrate/core';
import { createHash } from 'node:crypto';
import type { BenchDatabase } from '../support/databases.js';
import type { RawClient } from '../support/raw-client.js';

const PAGE = 5_000;
/** Every column but updated_at, which is each contender's own clock (the floor writes 0). */
const COMPARED = RUN_COLUMNS.filter((c) => c !== 'updated_at');

/** One value as text: JSON documents re-serialised (drivers read them parsed or as text), numbers as text. */
function normalized(column: string, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (column === 'run_data') return JSON.stringify(typeof value === 'string' ? JSON.parse(value) : value);
  if (Buffer.isBuffer(value)) return value.toString('hex');
  return String(value);
}

/**
 * A digest of every runs row in run_id order, all columns but updated_at, with the row count: two
 * tables with the same digest hold the same runs, field by field, run data included.
 */
export async function runsDigest(db: BenchDatabase, raw: RawClient, table: string): Promise<string> {
  const hash = createHash('sha256');
  const mark = db.kind === 'postgres' ? '$1' : '?';
  const columns = COMPARED.map((c) => db.quoteIdent(c)).join(', ');
  let count = 0;
  let after = '';
  for (;;) {
    const page = await raw.rows(
      `SELECT ${columns} FROM ${db.qualify(table)} WHERE ${db.quoteIdent('run_id')} > ${mark} ORDER BY ${db.quoteIdent('run_id')} LIMIT ${PAGE}`,
      [after],
    );
    for (const row of page) hash.update(`${JSON.stringify(COMPARED.map((c) => normalized(c, row[c])))}\n`);
    count += page.length;
    if (page.length < PAGE) break;
    after = String(page[page.length - 1]!['run_id']);
  }
  return `${count} rows, ${hash.digest('hex')}`;
}
