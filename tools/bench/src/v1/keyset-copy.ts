import type { BenchDatabase } from '../support/databases.js';
import { openRaw } from '../support/raw-client.js';
import { V1_COLUMNS } from './fixture.js';

/**
 * The baseline: the same rows copied client-side without any transformation — keyset pages in key
 * order on one connection, one multi-row INSERT per page on another, as a careful hand-written
 * copy would do it. Returns the rows copied.
 */
export async function keysetCopy(db: BenchDatabase, from: string, to: string, batchSize: number): Promise<number> {
  const reader = await openRaw(db.raw);
  const writer = await openRaw(db.raw);
  const columns = V1_COLUMNS.map((c) => db.quoteIdent(c)).join(', ');
  const mark = (i: number) => (db.kind === 'postgres' ? `$${i}` : '?');
  // Drivers hand JSON columns back parsed (pg, mysql2) or as text (SQLite); written back as text.
  const toText = (v: unknown) => (v !== null && typeof v === 'object' ? JSON.stringify(v) : v);
  let after: unknown = null;
  let copied = 0;
  try {
    for (;;) {
      const page = await reader.rows(
        after === null
          ? `SELECT ${columns} FROM ${db.qualify(from)} ORDER BY session_id LIMIT ${batchSize}`
          : `SELECT ${columns} FROM ${db.qualify(from)} WHERE session_id > ${mark(1)} ORDER BY session_id LIMIT ${batchSize}`,
        after === null ? [] : [after],
      );
      if (page.length === 0) break;
      const params: unknown[] = [];
      const tuples = page.map(
        (row) =>
          `(${V1_COLUMNS.map((c) => {
            params.push(toText(row[c]));
            return mark(params.length);
          }).join(', ')})`,
      );
      await writer.exec(`INSERT INTO ${db.qualify(to)} (${columns}) VALUES ${tuples.join(', ')}`, params);
      copied += page.length;
      after = page[page.length - 1]!['session_id'];
      if (page.length < batchSize) break;
    }
  } finally {
    await reader.close();
    await writer.close();
  }
  return copied;
}
