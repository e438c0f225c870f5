import { reachedVersion, AGNO_GRAPH } from '@agno-migrate/test-infra';
import type { Connection, LockRequest } from '@agno-migrate/core';
import { LockTimeoutError, runAsync } from '@agno-migrate/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from '@agno-migrate/test-infra';
import { assertPostgresAvailable, createAgno22, manager, skipPostgres, target, versions } from './support/postgres.js';

describe.skipIf(skipPostgres)('PostgreSQL: one run at a time per schema (advisory lock)', () => {
  let db: TestDatabase;
  let other: TestDatabase;
  let holder: Connection;
  let holderPid: number;
  let lock: LockRequest;
  const dialect = () => db.dialect();

  beforeAll(async () => {
    assertPostgresAvailable();
    [db, other] = await Promise.all([target.create(), target.create()]);
    await createAgno22(db, ['memories']);
    await createAgno22(other, ['memories']);
    // The name the manager locks for this schema and versions table.
    lock = { name: `agno-migrate:${db.namespace}:agno_schema_versions`, timeoutMs: 1000 };
    holder = await dialect().connector.connect();
    holderPid = Number((await holder.query('SELECT pg_backend_pid() AS pid', [])).rows[0]?.['pid']);
    await runAsync(dialect().lock.acquire(lock), holder);
  });
  afterAll(async () => {
    await holder?.close();
    await Promise.all([db?.close(), other?.close()]);
  });

  it('a second run times out with LockTimeoutError naming the holder', async () => {
    const contended: unknown[] = [];
    const m = manager(db, {
      lockTimeoutMs: 500,
      onEvent: (e) => {
        if (e.type === 'lock-contended') contended.push(e.holder);
      },
    });
    const started = Date.now();
    try {
      const error = await m.up().then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(LockTimeoutError);
      expect((error as LockTimeoutError).exitCode).toBe(4);
      expect((error as Error).message).toContain(`pid ${holderPid}, application "agno-migrate"`);
      expect(Date.now() - started).toBeGreaterThanOrEqual(450);
      // Told before the wait, so a person sees who holds it while waiting.
      expect(contended).toEqual([expect.stringContaining(`pid ${holderPid}, application "agno-migrate"`)]);
    } finally {
      await m.close();
    }
    expect(await db.rows('SELECT to_regclass(?) AS t', [`${db.namespace}.agno_schema_versions`])).toEqual([{ t: null }]);
  });

  it('the lock timeout applies to the wait only, not to the rest of the session', async () => {
    const connection = await dialect().connector.connect();
    try {
      await expect(runAsync(dialect().lock.acquire({ ...lock, timeoutMs: 100 }), connection)).rejects.toBeInstanceOf(LockTimeoutError);
      expect((await connection.query('SHOW lock_timeout', [])).rows).toEqual([{ lock_timeout: '0' }]);
      expect((await connection.query('SELECT current_setting($1) AS a', ['application_name'])).rows).toEqual([{ a: 'agno-migrate' }]);
    } finally {
      await connection.close();
    }
  });

  it('another schema is not blocked by it', async () => {
    const m = manager(other, { lockTimeoutMs: 500 });
    try {
      expect((await m.up()).status).toBe('ok');
    } finally {
      await m.close();
    }
  });

  it('once released, the run proceeds, and it releases its own lock at the end', async () => {
    await runAsync(dialect().lock.release(lock), holder);
    const m = manager(db, { lockTimeoutMs: 500 });
    try {
      expect((await m.up()).status).toBe('ok');
      // Same session, still open: the manager must have unlocked, so another session can lock at once.
      await runAsync(dialect().lock.acquire({ ...lock, timeoutMs: 200 }), holder);
      await runAsync(dialect().lock.release(lock), holder);
    } finally {
      await m.close();
    }
    expect(await versions(db)).toEqual({ agno_memories: reachedVersion('memories') });
  });

  it('waits for a lock released within the timeout', async () => {
    await runAsync(dialect().lock.acquire(lock), holder);
    const m = manager(db, { lockTimeoutMs: 5000 });
    try {
      const run = m.status().then(() => m.up({ force: true }));
      setTimeout(() => void runAsync(dialect().lock.release(lock), holder), 300);
      expect((await run).status).toBe('ok');
    } finally {
      await m.close();
    }
  });
});

describe.skipIf(skipPostgres)('PostgreSQL: concurrent runs on one schema', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    assertPostgresAvailable();
    db = await target.create();
    await createAgno22(db, ['memories', 'sessions']);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('the second waits, then finds nothing left to do', async () => {
    const managers = [manager(db, { lockTimeoutMs: 10_000 }), manager(db, { lockTimeoutMs: 10_000 })];
    try {
      const results = await Promise.all(managers.map((m) => m.up()));
      const outcomes = results.map((r) => r.tables.find((t) => t.tableName === 'agno_memories')?.outcome).sort();
      expect(outcomes).toEqual(['migrated', 'up-to-date']);
    } finally {
      await Promise.all(managers.map((m) => m.close()));
    }
    expect(await versions(db)).toEqual({
      agno_memories: reachedVersion('memories'),
      agno_sessions: reachedVersion('sessions'),
      agno_runs: AGNO_GRAPH.latest,
    });
  });
});
