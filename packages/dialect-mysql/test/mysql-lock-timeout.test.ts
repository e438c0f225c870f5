import { reachedVersion } from '@agno-migrate/test-infra';
import { LockTimeoutError, MigrationManager } from '@agno-migrate/core';
import { describe, expect, it } from 'vitest';
import { createOldTables } from './support/agno-data.js';
import { freshDatabases, requireMysql, skipMysql } from './support/mysql-env.js';
import { versionRows } from './support/shape.js';

describe.skipIf(skipMysql)('MySQL: the run lock', () => {
  requireMysql();
  const fresh = freshDatabases();

  it('times out with LockTimeoutError naming the holder while another session holds GET_LOCK', async () => {
    const db = await fresh();
    await createOldTables(db, ['memories']);
    // The name core gives the run's lock: one per database and versions table.
    const name = `agno-migrate:${db.namespace}:agno_schema_versions`;
    const [held] = await db.rows('SELECT GET_LOCK(?, 0) AS got, CONNECTION_ID() AS id', [name]);
    expect(held).toMatchObject({ got: 1 });

    const contended: unknown[] = [];
    const manager = new MigrationManager(db.dialect(), {
      lockTimeoutMs: 1000,
      onEvent: (e) => {
        if (e.type === 'lock-contended') contended.push(e.holder);
      },
    });
    try {
      const error = await manager.up().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LockTimeoutError);
      expect((error as Error).message).toContain(`connection ${String(held!['id'])}`);
      // Told before the wait, so a person sees who holds it while waiting.
      expect(contended).toEqual([expect.stringMatching(new RegExp(`^connection ${String(held!['id'])}, root@`))]);
      expect(await db.rows('SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?', [db.namespace])).toEqual([
        { TABLE_NAME: 'agno_memories' },
      ]);

      await db.exec('SELECT RELEASE_LOCK(?)', [name]);
      expect((await manager.up()).status).toBe('ok');
      expect(await versionRows(db)).toEqual({ agno_memories: reachedVersion('memories') });
      // Released after the run: another session can take it at once.
      expect(await db.rows('SELECT GET_LOCK(?, 0) AS got', [name])).toEqual([{ got: 1 }]);
      await db.exec('SELECT RELEASE_LOCK(?)', [name]);
    } finally {
      await manager.close();
    }
  });
});
