import type { MigrationEvent } from '@agno-migrate/core';
import { MigrationManager } from '@agno-migrate/core';
import { reachedVersion } from '@agno-migrate/test-infra';
import { describe, expect, it } from 'vitest';
import { createOldTables } from './support/agno-data.js';
import { freshDatabases, requireMysql, skipMysql } from './support/mysql-env.js';
import { versionRows } from './support/shape.js';

/**
 * An application transaction that read a table holds its metadata lock until it ends. An ALTER
 * waiting for it makes every later writer of the table wait behind the ALTER; a one-second
 * lock_wait_timeout and a retry keep writers moving while `up` waits its turn.
 */
describe.skipIf(skipMysql)('MySQL: a table held by an open transaction', () => {
  requireMysql();
  const fresh = freshDatabases();

  async function setup() {
    const db = await fresh();
    await createOldTables(db, ['memories']);
    await db.exec(`INSERT INTO ${db.qualify('agno_memories')} (memory_id, memory) VALUES ('m1', '{}')`);
    const reader = await db.dialect().connector.connect();
    const writer = await db.dialect().connector.connect();
    await reader.query('START TRANSACTION', []);
    await reader.query(`SELECT COUNT(*) FROM ${db.qualify('agno_memories')}`, []);
    return { db, reader, writer };
  }

  it('up waits its turn in short tries; a writer is not queued behind it; up then finishes', async () => {
    const { db, reader, writer } = await setup();
    const events: MigrationEvent[] = [];
    const manager = new MigrationManager(db.dialect(), { lockTimeoutMs: 60_000, onEvent: (e) => events.push(e) });
    try {
      const run = manager.up();
      await until(() => events.some((e) => e.type === 'table-lock-retry'));
      // Queued behind an ALTER that waited for the reader, this insert would wait as long as the reader.
      await writer.query(`INSERT INTO ${db.qualify('agno_memories')} (memory_id, memory) VALUES ('m2', '{}')`, []);
      await reader.query('COMMIT', []);
      expect((await run).status).toBe('ok');
      expect(await versionRows(db)).toEqual({ agno_memories: reachedVersion('memories') });
      expect(await db.rows(`SELECT memory_id FROM ${db.qualify('agno_memories')} ORDER BY memory_id`)).toEqual([
        { memory_id: 'm1' },
        { memory_id: 'm2' },
      ]);
    } finally {
      await Promise.all([reader.close(), writer.close(), manager.close()]);
    }
  });

  it('gives up with a lock-timeout error (exit 4) when the table stays held past --lock-timeout; the next up finishes', async () => {
    const { db, reader, writer } = await setup();
    const manager = new MigrationManager(db.dialect(), { lockTimeoutMs: 2500 });
    try {
      const error = await manager.up().then(
        () => null,
        (e: unknown) => e,
      );
      expect((error as { exitCode?: number }).exitCode).toBe(4);
      expect((error as Error).message).toMatch(/agno_memories stayed locked by another session/);
      await reader.query('COMMIT', []);
      expect((await manager.up()).status).toBe('ok');
      expect(await versionRows(db)).toEqual({ agno_memories: reachedVersion('memories') });
    } finally {
      await Promise.all([reader.close(), writer.close(), manager.close()]);
    }
  });
});

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 300 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  if (!check()) throw new Error('the condition never came true');
}
