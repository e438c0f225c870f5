import { buildRunRows, RUN_COLUMNS } from '@agno-migrate/core';
import type { BenchDatabase } from '../support/databases.js';
import { openRaw } from '../support/raw-client.js';
import { SESSIONS } from './fixture.js';

/** Agno's BATCH_SIZE: session rows read per batch, and their runs written by one multi-row insert. */
const AGNO_BATCH = 50;

/**
 * Agno's own algorithm (v3_0_0.py): read the blobs through the client 50 sessions at a time, build
 * the rows in the client, one multi-row insert per batch with the existing row winning, all in one
 * transaction. Returns the rows written.
 */
export async function agnoCopy(db: BenchDatabase, target: string): Promise<number> {
  const raw = await openRaw(db.raw);
  const mark = (i: number) => (db.kind === 'postgres' ? `$${i}` : '?');
  const keep = db.kind === 'mysql' ? 'ON DUPLICATE KEY UPDATE run_id = VALUES(run_id)' : 'ON CONFLICT (run_id) DO NOTHING';
  const now = Math.floor(Date.now() / 1000);
  let written = 0;
  try {
    await raw.exec(db.kind === 'mysql' ? 'START TRANSACTION' : 'BEGIN');
    let after = '';
    for (;;) {
      const rows = await raw.rows(
        `SELECT session_id, user_id, runs FROM ${db.qualify(SESSIONS)} WHERE runs IS NOT NULL AND session_id > ${mark(1)} ORDER BY session_id LIMIT ${AGNO_BATCH}`,
        [after],
      );
      if (rows.length === 0) break;
      after = String(rows[rows.length - 1]!['session_id']);
      const built = rows.flatMap(
        (r) => buildRunRows(r['runs'], String(r['session_id']), (r['user_id'] as string | null) ?? null, now).rows,
      );
      // A 20 MB blob alone makes a batch too big for one statement's parameters: split as a driver would.
      for (let i = 0; i < built.length; i += 2000) {
        const part = built.slice(i, i + 2000);
        const params = part.flatMap((row) => RUN_COLUMNS.map((c) => row[c]));
        const tuples = part.map((_, r) => `(${RUN_COLUMNS.map((_c, c) => mark(r * RUN_COLUMNS.length + c + 1)).join(', ')})`).join(', ');
        await raw.exec(`INSERT INTO ${db.qualify(target)} (${RUN_COLUMNS.join(', ')}) VALUES ${tuples} ${keep}`, params);
        written += part.length;
      }
    }
    await raw.exec('COMMIT');
  } finally {
    await raw.close();
  }
  return written;
}
