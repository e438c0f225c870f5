import { MigrationManager, resolveTableType } from '@agno-migrate/core';
import type { BenchDatabase } from '../support/databases.js';
import { openRaw } from '../support/raw-client.js';

export const SESSIONS = 'agno_sessions';

/** A deterministic generator, so every contender and every size sees the same rows. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Sessions with 1–10 runs of 2–4 KB each, as Agno 2.x stored them in sessions.runs. */
export function* sessionRows(count: number, offset = 0): Generator<[string, string, string, string, number]> {
  const next = random(42 + offset);
  for (let i = 0; i < count; i++) {
    const id = `s${String(offset + i).padStart(8, '0')}`;
    const runs = Array.from({ length: 1 + Math.floor(next() * 10) }, (_, j) => ({
      run_id: `${id}-r${j}`,
      agent_id: next() < 0.7 ? 'agent-1' : null,
      team_id: next() < 0.5 ? 'team-1' : null,
      session_id: id,
      status: 'COMPLETED',
      created_at: 1700000000 + i + j,
      content: 'x'.repeat(2048 + Math.floor(next() * 2048)),
      metrics: { input_tokens: 10, output_tokens: 20 },
    }));
    yield [id, 'agent', `u${i % 50}`, JSON.stringify(runs), 1700000000 + i];
  }
}

/** A 2.5.6 sessions table holding `count` sessions (and one extra with a blob of `bigBlobBytes`), stamped 2.5.6. */
export async function fillSessions(db: BenchDatabase, count: number, bigBlobBytes = 0): Promise<number> {
  const dialect = db.dialect();
  const manager = new MigrationManager(dialect);
  const names = manager.tableNames();
  const raw = await openRaw(db.raw);
  let runs = 0;
  try {
    for (const s of dialect.emitter.createTable(resolveTableType('sessions').define(dialect.flavor, '2.5.6'), SESSIONS, names))
      await raw.exec(s.sql);
    const mark = (i: number) => (db.kind === 'postgres' ? `$${i}` : '?');
    let chunk: unknown[][] = [];
    const flush = async () => {
      if (chunk.length === 0) return;
      const tuples = chunk.map((_, r) => `(${[1, 2, 3, 4, 5].map((c) => mark(r * 5 + c)).join(', ')})`).join(', ');
      await raw.exec(
        `INSERT INTO ${db.qualify(SESSIONS)} (session_id, session_type, user_id, runs, created_at) VALUES ${tuples}`,
        chunk.flat(),
      );
      chunk = [];
    };
    if (db.kind !== 'mysql') await raw.exec('BEGIN');
    for (const row of sessionRows(count)) {
      runs += (JSON.parse(row[3]) as unknown[]).length;
      chunk.push(row);
      if (chunk.length === 200) await flush();
    }
    if (bigBlobBytes > 0) {
      const big = Array.from({ length: Math.ceil(bigBlobBytes / 4096) }, (_, j) => ({
        run_id: `big-${j}`,
        agent_id: 'a',
        created_at: 1,
        content: 'y'.repeat(4000),
      }));
      runs += big.length;
      // MariaDB refuses a statement over max_allowed_packet (16 MB by default): there the blob grows by appends.
      const whole = db.kind !== 'mysql';
      chunk.push(['zz-big', 'agent', 'u', JSON.stringify(whole ? big : []), 1]);
      await flush();
      for (let i = 0; !whole && i < big.length; i += 500) {
        await raw.exec(`UPDATE ${db.qualify(SESSIONS)} SET runs = JSON_MERGE_PRESERVE(runs, ?) WHERE session_id = 'zz-big'`, [
          JSON.stringify(big.slice(i, i + 500)),
        ]);
      }
    }
    await flush();
    if (db.kind !== 'mysql') await raw.exec('COMMIT');
    if (db.kind === 'postgres') await raw.exec(`VACUUM ANALYZE ${db.qualify(SESSIONS)}`);
    // A table filled again starts unstamped, whatever an earlier round stamped under its name.
    await raw
      .exec(`DELETE FROM ${db.qualify('agno_schema_versions')} WHERE table_name IN ('${SESSIONS}', 'agno_runs')`)
      .catch(() => undefined);
  } finally {
    await raw.close();
  }
  try {
    await manager.up({ tableType: 'sessions', targetVersion: '2.5.6' });
  } finally {
    await manager.close();
  }
  return runs;
}
