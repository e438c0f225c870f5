import { MigrationManager } from '@agno-migrate/core';
import type { TestDatabase } from '@agno-migrate/test-infra';
import { createAgno22Database, DEFAULT_NAMES, readTable, SEED, shapeOf } from '@agno-migrate/test-infra';
import { describe, expect, it } from 'vitest';
import { rebuildNames } from '../src/index.js';
import { freshDatabases, requireMariadb, skipMariadb } from './support/mariadb-env.js';

const NOW = new Date('2026-03-01T00:00:00Z');

async function tablesIn(db: TestDatabase): Promise<string[]> {
  const rows = await db.rows('SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME', [
    db.namespace,
  ]);
  return rows.map((r) => String(r['name']));
}

async function sessionIds(db: TestDatabase): Promise<string[]> {
  const rows = await db.rows(`SELECT session_id FROM ${db.qualify('agno_sessions')} ORDER BY session_id`);
  return rows.map((r) => String(r['session_id']));
}

/**
 * The rebuild-and-swap path of the SingleStore dialect, run against MariaDB: the SQL is the same
 * except for SHARD and SORT keys, which appear only when the server reports them.
 */
describe.skipIf(skipMariadb)('SingleStore rebuild-and-swap, on MariaDB', () => {
  requireMariadb();
  const fresh = freshDatabases();
  // The rebuilds are 2.x steps; the 3.0.0 sessions step speaks SingleStore's JSON functions, which MariaDB lacks.
  const TO_2X = { targetVersion: '2.5.6' } as const;
  const manager = (db: TestDatabase) => new MigrationManager(db.dialect(), { now: () => NOW, lockTimeoutMs: 5000 });

  it('adds the sessions primary key and makes memories.created_at NOT NULL by rebuilding, every row intact', async () => {
    const db = await fresh();
    await createAgno22Database(db, DEFAULT_NAMES);
    const m = manager(db);
    try {
      const result = await m.up(TO_2X);
      expect(result.status).toBe('ok');
      const statements = (type: string) =>
        result.tables
          .find((t) => t.tableType === type)!
          .steps.flatMap((s) => s.operations)
          .flatMap((o) => o.statements.map((st) => st.sql));
      expect(statements('sessions').filter((s) => s.includes('RENAME TO'))).toHaveLength(4);
      expect(statements('memories').filter((s) => s.includes('RENAME TO'))).toHaveLength(2);

      const sessions = await readTable(db, 'agno_sessions');
      expect(sessions!.primaryKey?.columns).toEqual(['session_id']);
      expect(sessions!.uniqueConstraints).toEqual([]);
      const memories = await readTable(db, 'agno_memories');
      expect(memories!.columns.find((c) => c.name === 'created_at')).toMatchObject({ dataType: 'bigint', nullable: false });
      expect(memories!.indexes.map((i) => i.name).sort()).toEqual([
        'idx_agno_memories_created_at',
        'idx_agno_memories_updated_at',
        'idx_agno_memories_user_id',
      ]);

      expect(await sessionIds(db)).toEqual(SEED.sessions.map((s) => s.session_id));
      const [session] = await db.rows(`SELECT session_data FROM ${db.qualify('agno_sessions')} WHERE session_id = 's1'`);
      const parse = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
      expect(parse(session!['session_data'])).toEqual({ state: { n: 1 } });
      const memoryRows = await db.rows(`SELECT memory_id, created_at FROM ${db.qualify('agno_memories')} ORDER BY memory_id`);
      expect(memoryRows.map((r) => [r['memory_id'], Number(r['created_at'])])).toEqual([
        ['m1', 1700000000],
        ['m2', NOW.getTime() / 1000],
      ]);
      expect((await tablesIn(db)).filter((t) => t.includes('__agno_'))).toEqual([]);
    } finally {
      await m.close();
    }
  });

  it('reverts to 2.0.0 by rebuilding (unique key back, primary key gone) and upgrades again to the same shapes', async () => {
    const db = await fresh();
    await createAgno22Database(db, DEFAULT_NAMES);
    const m = manager(db);
    try {
      await m.up(TO_2X);
      const upgraded = await Promise.all(['agno_sessions', 'agno_memories'].map((t) => shapeOf(db, t)));
      expect((await m.down({ targetVersion: '2.0.0' })).status).toBe('ok');
      const sessions = await readTable(db, 'agno_sessions');
      expect(sessions!.primaryKey).toBeNull();
      expect(sessions!.uniqueConstraints).toEqual([{ name: 'agno_sessions_uq_session_id', columns: ['session_id'] }]);
      expect((await readTable(db, 'agno_memories'))!.columns.map((c) => c.name)).not.toContain('created_at');
      expect(await sessionIds(db)).toEqual(['s1', 's2']);
      expect((await m.up(TO_2X)).status).toBe('ok');
      expect(await Promise.all(['agno_sessions', 'agno_memories'].map((t) => shapeOf(db, t)))).toEqual(upgraded);
    } finally {
      await m.close();
    }
  });

  // The statements of the primary-key rebuild, run by hand up to k, stand for a run killed after k.
  it.each([1, 2, 3, 4, 5, 6, 7, 8, 9])('converges when a run was killed after statement %i of the rebuild', async (k) => {
    const db = await fresh();
    await createAgno22Database(db, DEFAULT_NAMES);
    const m = manager(db);
    try {
      await m.up({ tableType: 'sessions', targetVersion: '2.3.0' });
      const plan = await m.plan({ tableType: 'sessions', ...TO_2X });
      const addKey = plan.tables[0]!.steps[0]!.operations.find((o) => o.description === 'add primary key (session_id)')!;
      // Two spare-table drops, CREATE, two indexes, the copy, two renames, the final drop.
      expect(addKey.statements).toHaveLength(9);
      for (const statement of addKey.statements.slice(0, k)) await db.exec(statement.sql, statement.params);

      const result = await m.up({ tableType: 'sessions', ...TO_2X });
      expect(result.status).toBe('ok');
      expect((await readTable(db, 'agno_sessions'))!.primaryKey?.columns).toEqual(['session_id']);
      expect(await sessionIds(db)).toEqual(['s1', 's2']);
      const { fresh: spare, old } = rebuildNames('agno_sessions');
      expect((await tablesIn(db)).filter((t) => t === spare || t === old)).toEqual([]);
    } finally {
      await m.close();
    }
  });

  it('puts the table back when only the renamed-aside copy is left', async () => {
    const db = await fresh();
    await createAgno22Database(db, DEFAULT_NAMES);
    const { old } = rebuildNames('agno_sessions');
    await db.exec(`ALTER TABLE ${db.qualify('agno_sessions')} RENAME TO ${db.qualify(old)}`);
    const m = manager(db);
    try {
      expect((await m.status({ tableType: 'sessions' })).tables[0]!.exists).toBe(false);
      const result = await m.up({ tableType: 'sessions', ...TO_2X });
      expect(result.tables[0]!.outcome).toBe('migrated');
      expect(await sessionIds(db)).toEqual(['s1', 's2']);
      expect(await tablesIn(db)).not.toContain(old);
    } finally {
      await m.close();
    }
  });

  it('blocks on duplicate session_id before any rebuild', async () => {
    const db = await fresh();
    await createAgno22Database(db, DEFAULT_NAMES);
    await db.exec(`ALTER TABLE ${db.qualify('agno_sessions')} DROP INDEX agno_sessions_uq_session_id`);
    await db.exec(`INSERT INTO ${db.qualify('agno_sessions')} (session_id, session_type, created_at) VALUES ('s1', 'agent', 1)`);
    const m = manager(db);
    try {
      const result = await m.up({ tableType: 'sessions', ...TO_2X });
      expect(result.tables[0]).toMatchObject({ outcome: 'blocked', to: '2.3.0', blocked: { check: 'unique', examples: ['s1'] } });
      const ran = result.tables[0]!.steps.flatMap((s) => s.operations).flatMap((o) => o.statements.map((st) => st.sql));
      expect(ran.some((s) => s.includes('__agno_new'))).toBe(false);
      expect((await tablesIn(db)).filter((t) => t.includes('__agno_'))).toEqual([]);
      expect((await readTable(db, 'agno_sessions'))!.primaryKey).toBeNull();
    } finally {
      await m.close();
    }
  });
});
