import { reachedVersion, AGNO_GRAPH } from '@agno-migrate/test-infra';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from '@agno-migrate/test-infra';
import {
  assertPostgresAvailable,
  columnTypes,
  constraints,
  createAgno22,
  manager,
  skipPostgres,
  target,
  versions,
} from './support/postgres.js';

describe.skipIf(skipPostgres)('PostgreSQL: duplicate session_id blocks 2.5.0', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    assertPostgresAvailable();
    db = await target.create();
    await createAgno22(db, ['sessions', 'memories']);
    // Tables that lost their unique constraint (hand-made or restored from a dump) can hold duplicates.
    await db.exec(`ALTER TABLE ${db.qualify('agno_sessions')} DROP CONSTRAINT agno_sessions_uq_session_id`);
    for (const [id, created] of [
      ['dup', 1],
      ['dup', 2],
      ['dup', 3],
      ['ok', 4],
    ] as const) {
      await db.exec(`INSERT INTO ${db.qualify('agno_sessions')} (session_id, session_type, runs, created_at) VALUES (?, 'agent', ?, ?)`, [
        id,
        [{ run_id: `${id}-${created}` }],
        created,
      ]);
    }
    await db.exec(`INSERT INTO ${db.qualify('agno_memories')} (memory_id, memory) VALUES ('m1', ?)`, [{ memory: 'x' }]);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('reports the table as blocked with examples and fix SQL; other tables still migrate', async () => {
    const m = manager(db);
    let fixSql = '';
    try {
      const result = await m.up();
      expect(result.status).toBe('blocked');
      const sessions = result.tables.find((t) => t.tableName === 'agno_sessions')!;
      expect(sessions.outcome).toBe('blocked');
      expect(sessions.to).toBe('2.3.0');
      expect(sessions.blocked).toMatchObject({ check: 'unique', column: 'session_id', count: 1, examples: ['dup'] });
      fixSql = sessions.blocked!.fixSql;
      expect(fixSql).toContain(`DELETE FROM ${db.qualify('agno_sessions')}`);
      expect(result.tables.find((t) => t.tableName === 'agno_memories')?.outcome).toBe('migrated');
    } finally {
      await m.close();
    }
    expect(await versions(db)).toEqual({ agno_sessions: '2.3.0', agno_memories: reachedVersion('memories') });
    // 2.3.0 committed; the blocked 2.5.0 step left nothing behind.
    expect((await columnTypes(db, 'agno_sessions'))['runs']?.type).toBe('jsonb');
    expect(await constraints(db, 'agno_sessions')).toEqual([]);

    await db.exec(fixSql);
    const left = await db.rows(`SELECT session_id, created_at FROM ${db.qualify('agno_sessions')} ORDER BY session_id`);
    expect(left.map((r) => r['session_id'])).toEqual(['dup', 'ok']);
  });

  it('after the duplicates are gone, a re-run finishes', async () => {
    const m = manager(db);
    try {
      const result = await m.up();
      expect(result.status).toBe('ok');
      expect(result.tables.find((t) => t.tableName === 'agno_sessions')).toMatchObject({
        outcome: 'migrated',
        from: '2.3.0',
        to: reachedVersion('sessions'),
      });
    } finally {
      await m.close();
    }
    expect(await versions(db)).toEqual({
      agno_sessions: reachedVersion('sessions'),
      agno_memories: reachedVersion('memories'),
      agno_runs: AGNO_GRAPH.latest,
    });
    expect(await constraints(db, 'agno_sessions')).toEqual([{ name: 'agno_sessions_pkey', type: 'p', columns: ['session_id'] }]);
  });
});
