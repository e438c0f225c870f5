import { reachedVersion, AGNO_GRAPH } from '@agno-migrate/test-infra';
import { MigrationStepError } from '@agno-migrate/core';
import type { TestDatabase } from '@agno-migrate/test-infra';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assertPostgresAvailable,
  columnTypes,
  createAgno22,
  manager,
  postgresTestUrl,
  skipPostgres,
  target,
  versions,
} from './support/postgres.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(skipPostgres)('PostgreSQL: a run killed mid-step', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    assertPostgresAvailable();
    db = await target.create();
    await createAgno22(db, ['memories', 'sessions']);
    await db.exec(`INSERT INTO ${db.qualify('agno_memories')} (memory_id, memory, updated_at) VALUES ('m1', '{"a": 1}', 3)`);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('leaves nothing half-done, releases the lock with the session, and a re-run converges', async () => {
    // A reader holding the table makes the migration's ALTER wait, so it can be killed mid-step.
    const reader = new pg.Client({ connectionString: postgresTestUrl() });
    await reader.connect();
    await reader.query('BEGIN');
    await reader.query(`SELECT * FROM ${db.qualify('agno_memories')}`);

    const m = manager(db);
    const run = m.up().then(
      () => null,
      (e: unknown) => e,
    );
    let pid: number | undefined;
    for (let i = 0; i < 100 && pid === undefined; i++) {
      await sleep(50);
      const [row] = await db.rows(
        "SELECT pid FROM pg_stat_activity WHERE application_name = 'agno-migrate' AND wait_event_type = 'Lock' AND query LIKE 'ALTER TABLE%'",
      );
      pid = row ? Number(row['pid']) : undefined;
    }
    expect(pid).toBeDefined();
    await db.rows('SELECT pg_terminate_backend(?)', [pid]);
    const error = await run;
    await m.close();
    await reader.query('ROLLBACK');
    await reader.end();

    expect(error).toBeInstanceOf(MigrationStepError);
    expect((error as MigrationStepError).result?.tables[0]).toMatchObject({ outcome: 'failed', error: { code: 'database.connection' } });
    expect((await columnTypes(db, 'agno_memories'))['created_at']).toBeUndefined();

    const again = manager(db, { lockTimeoutMs: 2000 });
    try {
      expect((await again.up()).status).toBe('ok');
    } finally {
      await again.close();
    }
    expect(await versions(db)).toEqual({
      agno_memories: reachedVersion('memories'),
      agno_sessions: reachedVersion('sessions'),
      agno_runs: AGNO_GRAPH.latest,
    });
  });
});
