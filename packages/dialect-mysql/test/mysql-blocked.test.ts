import { AGNO_GRAPH, reachedVersion } from '@agno-migrate/test-infra';
import { MigrationManager } from '@agno-migrate/core';
import { describe, expect, it } from 'vitest';
import { createOldTables, definition, insertOldRows, NAMES } from './support/agno-data.js';
import { freshDatabases, requireMysql, skipMysql } from './support/mysql-env.js';
import { expectedShape, liveShape, versionRows } from './support/shape.js';

describe.skipIf(skipMysql)('MySQL: duplicate session_id blocks the 2.5.0 primary key', () => {
  requireMysql();
  const fresh = freshDatabases();

  it('blocks sessions at 2.3.0, migrates the other tables, and the suggested SQL clears the way', async () => {
    const db = await fresh();
    await createOldTables(db, ['sessions', 'memories']);
    await insertOldRows(db, ['sessions', 'memories']);
    const sessions = db.qualify(NAMES['sessions']!);
    // A table whose unique key was lost (hand-made, or dropped): duplicates got in.
    await db.exec(`DROP INDEX agno_sessions_uq_session_id ON ${sessions}`);
    await db.exec(
      `INSERT INTO ${sessions} (session_id, session_type, created_at, updated_at) VALUES ('s-1', 'agent', 1700000000, 1800000000)`,
    );
    await db.exec(`INSERT INTO ${sessions} (session_id, session_type, created_at) VALUES ('twin', 'agent', 5), ('twin', 'agent', 5)`);

    const manager = new MigrationManager(db.dialect());
    try {
      const result = await manager.up();
      expect(result.status).toBe('blocked');
      const blocked = result.tables.find((t) => t.tableType === 'sessions')!;
      expect(blocked).toMatchObject({ outcome: 'blocked', to: '2.3.0' });
      expect(blocked.blocked).toMatchObject({ check: 'unique', column: 'session_id', count: 2, examples: ['s-1', 'twin'] });
      expect(result.tables.find((t) => t.tableType === 'memories')).toMatchObject({ outcome: 'migrated', to: reachedVersion('memories') });
      expect(await versionRows(db)).toEqual({ agno_memories: reachedVersion('memories'), agno_sessions: '2.3.0' });
      expect((await liveShape(db, 'agno_sessions')).indexes['PRIMARY']).toBeUndefined();

      // Run the suggested statements as a person would, in order.
      const fix = blocked.blocked!.fixSql.split('\n').filter((line) => !line.startsWith('--'));
      expect(fix.map((s) => s.split(' ')[0])).toEqual(['USE', 'DELETE', 'SELECT']);
      for (const statement of fix.slice(0, 2)) await db.exec(statement.replace(/;$/, ''));
      const kept = await db.rows(`SELECT session_id, updated_at FROM ${sessions} WHERE session_id = 's-1'`);
      expect(kept).toEqual([{ session_id: 's-1', updated_at: 1800000000 }]);
      // Exact duplicates survive the DELETE and are listed for review.
      expect(await db.rows(fix[2]!.replace(/;$/, ''))).toEqual([{ session_id: 'twin', n: 2 }]);
      await db.exec(`DELETE FROM ${sessions} WHERE session_id = 'twin' LIMIT 1`);

      const rerun = await manager.up();
      expect(rerun.status).toBe('ok');
      // sessions' 3.0.0 step creates the runs table and stamps it.
      expect(await versionRows(db)).toEqual({
        agno_memories: reachedVersion('memories'),
        agno_sessions: reachedVersion('sessions'),
        agno_runs: AGNO_GRAPH.latest,
      });
      expect(await liveShape(db, 'agno_sessions')).toEqual(expectedShape(definition('sessions'), 'agno_sessions'));
    } finally {
      await manager.close();
    }
  });
});
