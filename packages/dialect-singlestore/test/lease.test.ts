import { DatabaseError, LockTimeoutError, MigrationManager, runAsync } from '@agno-migrate/core';
import type { LockRequest } from '@agno-migrate/core';
import type { TestDatabase } from '@agno-migrate/test-infra';
import { createAgno22Database, DEFAULT_NAMES } from '@agno-migrate/test-infra';
import { describe, expect, it } from 'vitest';
import { freshDatabases, mariadbBacked, requireMariadb, skipMariadb, urlOf } from './support/mariadb-env.js';

const LEASE = { ttlMs: 2000, heartbeatMs: 400, pollMs: 100 };

function dialectFor(db: TestDatabase, lock = LEASE) {
  return mariadbBacked({ url: urlOf(db), schema: db.namespace!, lock });
}

async function leaseRows(db: TestDatabase) {
  return db.rows(`SELECT lock_name, owner, holder, acquired_at, expires_at FROM ${db.qualify('agno_migrate_locks')}`);
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(skipMariadb)('SingleStore lease lock, on MariaDB', () => {
  requireMariadb();
  const fresh = freshDatabases();
  const request = (db: TestDatabase, timeoutMs = 0): LockRequest => ({
    name: `agno-migrate:${db.namespace}:agno_schema_versions`,
    timeoutMs,
  });

  async function holder(db: TestDatabase, lock = LEASE) {
    const dialect = dialectFor(db, lock);
    const connection = await dialect.connector.connect();
    await runAsync(dialect.lock.acquire(request(db)), connection);
    return {
      dialect,
      connection,
      async release() {
        await runAsync(dialect.lock.release(request(db)), connection);
        await connection.close();
      },
    };
  }

  it('takes a free lease, names its holder, and deletes the row on release', async () => {
    const db = await fresh();
    const a = await holder(db);
    const [row] = await leaseRows(db);
    expect(row).toMatchObject({ lock_name: request(db).name, holder: expect.stringMatching(new RegExp(`:${process.pid}$`)) });
    expect(Number(row!['expires_at']) - Number(row!['acquired_at'])).toBe(2);
    await a.release();
    expect(await leaseRows(db)).toEqual([]);
  });

  it('makes a second run wait, then time out with LockTimeoutError naming the holder', async () => {
    const db = await fresh();
    const a = await holder(db);
    const other = dialectFor(db);
    const connection = await other.connector.connect();
    try {
      const told: (string | undefined)[] = [];
      const waiting = { ...request(db, 500), onContended: (holder: string | undefined) => told.push(holder) };
      const error = await runAsync(other.lock.acquire(waiting), connection).catch((e: unknown) => e);
      // Told once, before the wait: who holds it and since when.
      expect(told).toEqual([expect.stringMatching(new RegExp(`:${process.pid}, lease taken \\d+ s ago$`))]);
      expect(error).toBeInstanceOf(LockTimeoutError);
      expect((error as Error).message).toMatch(new RegExp(`held by .*:${process.pid} for \\d+ s`));
      expect((await leaseRows(db)).map((r) => r['owner'])).toHaveLength(1);
    } finally {
      await connection.close();
      await a.release();
    }
  });

  it('takes over a stale lease left by a killed run at once', async () => {
    const db = await fresh();
    const probe = await holder(db);
    await probe.release();
    await db.exec(
      `INSERT INTO ${db.qualify('agno_migrate_locks')} VALUES (?, 'killed-run', 'gone:1', UNIX_TIMESTAMP() - 100, UNIX_TIMESTAMP() - 1)`,
      [request(db).name],
    );
    const a = await holder(db);
    const [row] = await leaseRows(db);
    expect(row!['owner']).not.toBe('killed-run');
    expect(String(row!['holder'])).toMatch(new RegExp(`:${process.pid}$`));
    await a.release();
  });

  it('lets a waiting run take the lease once a killed run stops renewing it', async () => {
    const db = await fresh();
    const probe = await holder(db);
    await probe.release();
    await db.exec(
      `INSERT INTO ${db.qualify('agno_migrate_locks')} VALUES (?, 'killed-run', 'gone:1', UNIX_TIMESTAMP(), UNIX_TIMESTAMP() + 1)`,
      [request(db).name],
    );
    const waiter = dialectFor(db);
    const connection = await waiter.connector.connect();
    try {
      await runAsync(waiter.lock.acquire(request(db, 10_000)), connection);
      expect((await leaseRows(db))[0]!['owner']).not.toBe('killed-run');
    } finally {
      await runAsync(waiter.lock.release(request(db, 10_000)), connection);
      await connection.close();
    }
  });

  it('renews the lease while the run lasts, so it outlives its first expiry', async () => {
    const db = await fresh();
    const a = await holder(db);
    const [before] = await leaseRows(db);
    await pause(3000);
    const [after] = await leaseRows(db);
    expect(after!['owner']).toBe(before!['owner']);
    expect(Number(after!['expires_at'])).toBeGreaterThan(Number(before!['expires_at']));
    const other = dialectFor(db);
    const connection = await other.connector.connect();
    try {
      await expect(runAsync(other.lock.acquire(request(db)), connection)).rejects.toBeInstanceOf(LockTimeoutError);
    } finally {
      await connection.close();
      await a.release();
    }
  });

  it('stops the run at its next statement when the lease was taken over', async () => {
    const db = await fresh();
    const a = await holder(db);
    await db.exec(`UPDATE ${db.qualify('agno_migrate_locks')} SET owner = 'thief'`);
    await pause(1200);
    const error = await a.connection.query('SELECT 1', []).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseError);
    expect((error as Error).message).toContain('was lost (another run took the lease over)');
    await a.release();
    expect((await leaseRows(db)).map((r) => r['owner'])).toEqual(['thief']);
  });

  it('releases the lease when a run fails', async () => {
    const db = await fresh();
    // A memories table without the updated_at its 2.3.0 step fills created_at from: the run fails under the lease.
    await db.exec(`CREATE TABLE ${db.qualify('agno_memories')} (${db.quoteIdent('memory_id')} VARCHAR(128) NOT NULL PRIMARY KEY)`);
    const manager = new MigrationManager(dialectFor(db), { lockTimeoutMs: 1000 });
    try {
      await expect(manager.up({ tableType: 'memories' })).rejects.toThrow(/agno_memories has no column updated_at/);
      expect(await leaseRows(db)).toEqual([]);
    } finally {
      await manager.close();
    }
  });

  it('serialises two concurrent runs: both succeed, the second finds the work done', async () => {
    const db = await fresh();
    await createAgno22Database(db, { ...DEFAULT_NAMES });
    const managers = [0, 1].map(() => new MigrationManager(dialectFor(db, { ttlMs: 30_000, heartbeatMs: 10_000, pollMs: 100 })));
    try {
      const results = await Promise.all(managers.map((m) => m.up({ tableType: 'memories' })));
      expect(results.map((r) => r.status)).toEqual(['ok', 'ok']);
      expect(results.map((r) => r.tables[0]!.outcome).sort()).toEqual(['migrated', 'up-to-date']);
      expect(await leaseRows(db)).toEqual([]);
    } finally {
      await Promise.all(managers.map((m) => m.close()));
    }
  });
});
