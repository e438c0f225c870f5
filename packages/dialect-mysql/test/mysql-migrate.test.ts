import { AGNO_GRAPH, reachedVersion } from '@agno-migrate/test-infra';
import { MigrationManager } from '@agno-migrate/core';
import { describe, expect, it } from 'vitest';
import { allRows, createOldTables, definition, insertOldRows, NAMES, OLD_TYPES, project } from './support/agno-data.js';
import { freshDatabases, requireMysql, skipMysql } from './support/mysql-env.js';
import { expectedShape, liveShape, versionRows } from './support/shape.js';

const NOW = new Date('2026-03-01T00:00:00Z');
const NOW_EPOCH = NOW.getTime() / 1000;

describe.skipIf(skipMysql)('MySQL: Agno 2.2 tables → latest and back', () => {
  requireMysql();
  const fresh = freshDatabases();

  it('migrates every table to the exact latest shape, keeps every row, and reverts', async () => {
    const db = await fresh();
    await createOldTables(db);
    await insertOldRows(db);
    const oldShapes = Object.fromEntries(await Promise.all(OLD_TYPES.map(async (t) => [t, await liveShape(db, NAMES[t]!)] as const)));
    const oldRows = Object.fromEntries(await Promise.all(OLD_TYPES.map(async (t) => [t, await allRows(db, t)] as const)));
    const manager = new MigrationManager(db.dialect(), { now: () => NOW });
    try {
      const status = await manager.status();
      expect(status.versionsTable.exists).toBe(false);
      expect(status.tables.find((t) => t.tableType === 'memories')).toMatchObject({
        exists: true,
        current: '2.0.0',
        pending: ['2.3.0', '2.5.0', '2.5.6', '3.0.0'],
      });

      const up = await manager.up();
      expect(up.status).toBe('ok');
      expect(Object.fromEntries(up.tables.map((t) => [t.tableType, t.outcome]))).toEqual({
        memories: 'migrated',
        sessions: 'migrated',
        metrics: 'migrated',
        evals: 'migrated',
        knowledge: 'migrated',
        culture: 'migrated',
        // Agno stores these only on PostgreSQL and SQLite: said so, nothing done.
        approvals: 'not-on-dialect',
        components: 'not-on-dialect',
        schedules: 'not-on-dialect',
        schedule_runs: 'not-on-dialect',
        learnings: 'not-on-dialect',
      });
      for (const type of OLD_TYPES) {
        expect(await liveShape(db, NAMES[type]!), type).toEqual(expectedShape(definition(type), NAMES[type]!));
      }
      // sessions' 3.0.0 step creates the runs table and stamps it; a down drops it but keeps that row, as Agno does.
      const runsRow = { agno_runs: AGNO_GRAPH.latest };
      expect(await versionRows(db)).toEqual({ ...Object.fromEntries(OLD_TYPES.map((t) => [NAMES[t]!, reachedVersion(t)])), ...runsRow });

      // Every row intact; memories.created_at = COALESCE(updated_at, now) as Agno backfills it.
      for (const type of OLD_TYPES) {
        const rows = await allRows(db, type);
        expect(project(rows, Object.keys(oldShapes[type]!.columns)), type).toEqual(oldRows[type]);
      }
      const memories = await allRows(db, 'memories');
      expect(memories.map((m) => [m['memory_id'], m['created_at'], m['feedback']])).toEqual([
        ['m-1', 1700000500, null],
        ['m-2', NOW_EPOCH, null],
      ]);

      const again = await manager.up();
      expect(again.tables.every((t) => ['up-to-date', 'absent', 'held', 'not-on-dialect'].includes(t.outcome))).toBe(true);

      const down = await manager.down({ targetVersion: '2.0.0' });
      expect(down.status).toBe('ok');
      for (const type of OLD_TYPES) expect(await liveShape(db, NAMES[type]!), type).toEqual(oldShapes[type]);
      for (const type of OLD_TYPES) expect(await allRows(db, type), type).toEqual(oldRows[type]);
      expect(await versionRows(db)).toEqual({ ...Object.fromEntries(OLD_TYPES.map((t) => [NAMES[t]!, '2.0.0'])), ...runsRow });

      expect((await manager.up()).status).toBe('ok');
      for (const type of OLD_TYPES) {
        expect(await liveShape(db, NAMES[type]!), type).toEqual(expectedShape(definition(type), NAMES[type]!));
        expect(project(await allRows(db, type), Object.keys(oldShapes[type]!.columns)), type).toEqual(oldRows[type]);
      }
    } finally {
      await manager.close();
    }
  });

  it('re-runs nothing on a forced up of a migrated database', async () => {
    const db = await fresh();
    await createOldTables(db, ['sessions', 'memories']);
    const manager = new MigrationManager(db.dialect());
    try {
      await manager.up();
      const forced = await manager.up({ force: true });
      const ran = forced.tables.flatMap((t) => t.steps.flatMap((s) => s.operations.filter((o) => o.needed && o.statements.length > 0)));
      expect(ran.map((o) => o.description)).toEqual([]);
      expect(await versionRows(db)).toEqual({
        agno_memories: reachedVersion('memories'),
        agno_sessions: reachedVersion('sessions'),
        agno_runs: AGNO_GRAPH.latest,
      });
    } finally {
      await manager.close();
    }
  });

  it('plans without changing anything', async () => {
    const db = await fresh();
    await createOldTables(db, ['memories']);
    const before = await liveShape(db, NAMES['memories']!);
    const manager = new MigrationManager(db.dialect(), { now: () => NOW });
    try {
      const plan = await manager.plan({ tableType: 'memories' });
      const statements = plan.tables[0]!.steps.flatMap((s) => s.operations.flatMap((o) => o.statements.map((x) => x.sql)));
      const t = `\`${db.namespace}\`.\`agno_memories\``;
      expect(statements).toEqual([
        `ALTER TABLE ${t} ADD COLUMN \`created_at\` BIGINT`,
        `UPDATE ${t} SET \`created_at\` = COALESCE(\`updated_at\`, ?) WHERE \`created_at\` IS NULL`,
        // NOT NULL, the index and the second column in one ALTER: one rebuild.
        `ALTER TABLE ${t} MODIFY COLUMN \`created_at\` BIGINT NOT NULL, ADD INDEX \`idx_agno_memories_created_at\` (\`created_at\`), ADD COLUMN \`feedback\` TEXT`,
      ]);
      expect(await liveShape(db, NAMES['memories']!)).toEqual(before);
      expect(
        await db.rows('SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?', [
          db.namespace,
          'agno_schema_versions',
        ]),
      ).toEqual([]);
    } finally {
      await manager.close();
    }
  });

  it('writes the versions table as Agno does on MySQL, created_at overwritten on update', async () => {
    const db = await fresh();
    await createOldTables(db, ['memories']);
    const first = new MigrationManager(db.dialect(), { now: () => new Date(2026, 0, 2, 3, 4, 5, 678) });
    const second = new MigrationManager(db.dialect(), { now: () => new Date(2026, 5, 6, 7, 8, 9, 10) });
    try {
      await first.up({ tableType: 'memories', targetVersion: '2.3.0' });
      expect(await liveShape(db, 'agno_schema_versions')).toEqual({
        columns: {
          table_name: 'varchar(128) NOT NULL',
          version: 'varchar(10) NOT NULL',
          created_at: 'varchar(128) NOT NULL',
          updated_at: 'varchar(128)',
        },
        indexes: { PRIMARY: 'UNIQUE (table_name)', idx_agno_schema_versions_created_at: '(created_at)' },
      });
      expect(await db.rows('SELECT * FROM agno_schema_versions')).toEqual([
        {
          table_name: 'agno_memories',
          version: '2.3.0',
          created_at: '2026-01-02T03:04:05.678000',
          updated_at: '2026-01-02T03:04:05.678000',
        },
      ]);
      await second.up({ tableType: 'memories' });
      expect(await db.rows('SELECT * FROM agno_schema_versions')).toEqual([
        {
          table_name: 'agno_memories',
          version: reachedVersion('memories'),
          created_at: '2026-06-06T07:08:09.010000',
          updated_at: '2026-06-06T07:08:09.010000',
        },
      ]);
    } finally {
      await first.close();
      await second.close();
    }
  });
});
