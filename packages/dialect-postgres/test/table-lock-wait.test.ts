import type { MigrationEvent } from '@agno-migrate/core';
import { LockTimeoutError } from '@agno-migrate/core';
import type { TestDatabase } from '@agno-migrate/test-infra';
import { reachedVersion } from '@agno-migrate/test-infra';
import { afterEach, describe, expect, it } from 'vitest';
import { assertPostgresAvailable, createAgno22, manager, skipPostgres, target, versions } from './support/postgres.js';

/**
 * An application transaction that read a table holds its lock until it ends. A step's ALTER queued
 * behind it would queue every later writer of that table behind the ALTER; a short lock wait and a
 * retry keep writers moving while `up` waits its turn.
 */
describe.skipIf(skipPostgres)('PostgreSQL: a table held by an open transaction', () => {
  const opened: TestDatabase[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((db) => db.close()));
  });

  async function setup() {
    assertPostgresAvailable();
    const db = await target.create();
    opened.push(db);
    await createAgno22(db, ['memories']);
    await db.exec(`INSERT INTO ${db.qualify('agno_memories')} (memory_id, memory) VALUES ('m1', ?)`, [{ memory: 'x' }]);
    const reader = await db.dialect().connector.connect();
    const writer = await db.dialect().connector.connect();
    await reader.query('BEGIN', []);
    await reader.query(`SELECT count(*) FROM ${db.qualify('agno_memories')}`, []);
    return { db, reader, writer };
  }

  it('up waits its turn in short tries; a writer is not queued behind it; up then finishes', async () => {
    const { db, reader, writer } = await setup();
    const events: MigrationEvent[] = [];
    const m = manager(db, { lockTimeoutMs: 60_000, onEvent: (e) => events.push(e) });
    try {
      const run = m.up();
      await until(() => events.some((e) => e.type === 'table-lock-retry'));
      // The reader still holds its transaction: a writer gets through between up's tries (queued
      // behind an ALTER that waited for the reader, this insert would never finish).
      await writer.query(`INSERT INTO ${db.qualify('agno_memories')} (memory_id, memory) VALUES ('m2', '{}')`, []);
      await reader.query('COMMIT', []);
      const result = await run;
      expect(result.status).toBe('ok');
      expect(await versions(db)).toEqual({ agno_memories: reachedVersion('memories') });
      expect(await db.rows(`SELECT memory_id FROM ${db.qualify('agno_memories')} ORDER BY memory_id`)).toEqual([
        { memory_id: 'm1' },
        { memory_id: 'm2' },
      ]);
      const retry = events.find((e) => e.type === 'table-lock-retry');
      expect(retry).toMatchObject({ tableName: 'agno_memories', attempt: 1 });
    } finally {
      await Promise.all([reader.close(), writer.close(), m.close()]);
    }
  });

  it('gives up with a lock-timeout error (exit 4) when the table stays held past --lock-timeout; the next up finishes', async () => {
    const { db, reader, writer } = await setup();
    const m = manager(db, { lockTimeoutMs: 2500 });
    try {
      const error = await m.up().then(
        () => null,
        (e: unknown) => e,
      );
      expect((error as { exitCode?: number }).exitCode).toBe(4);
      const cause = (error as { result?: { tables: { error?: { code: string; message: string } }[] } }).result?.tables[0]?.error;
      expect(cause?.code).toBe(new LockTimeoutError('').code);
      expect(cause?.message).toMatch(/agno_memories stayed locked by another session .*raise --lock-timeout/);
      await reader.query('COMMIT', []);
      expect((await m.up()).status).toBe('ok');
      expect(await versions(db)).toEqual({ agno_memories: reachedVersion('memories') });
    } finally {
      await Promise.all([reader.close(), writer.close(), m.close()]);
    }
  });
});

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 300 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  if (!check()) throw new Error('the condition never came true');
}
