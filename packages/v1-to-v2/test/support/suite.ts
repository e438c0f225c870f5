import { ConfigurationError, MigrationManager } from '@agno-migrate/core';
import type { TestDatabase, TestTarget } from '@agno-migrate/test-infra';
import { createV1Fixture, gate, V1_NAMES, reachedVersion } from '@agno-migrate/test-infra';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateV1ToV2 } from '../../src/index.js';
import { tableJob } from '../../src/run/table-job.js';
import type { SourceTable } from '../../src/sql/source-table.js';
import { expectedMemories, expectedSessions } from './expected-v2.js';
import { count } from './read-v2.js';
import { stoppedRunCases } from './stopped-run-cases.js';
import type { SuiteOptions } from './suite-helpers.js';
import { firstRun, seedOwnedRow, migrateAll, finalState, CHANGED, SAME, applicationEdits, byKind } from './suite-helpers.js';

export type { SuiteOptions } from './suite-helpers.js';

/** The v1 → v2 integration suite, run by each database's test file against a real server. */
export async function runV1ToV2Suite(target: TestTarget, options: SuiteOptions): Promise<void> {
  const { skip } = await gate(target);

  describe.skipIf(skip)(`v1 → v2 on ${target.name}`, () => {
    let db: TestDatabase;
    beforeEach(async () => {
      db = await target.create();
      await createV1Fixture(db, V1_NAMES);
      await seedOwnedRow(db);
    });
    afterEach(() => db.close());

    it('moves every kind of v1 row to the exact v2 row, accounting for each', async () => {
      const [first, second] = await migrateAll(db);
      const state = await finalState(db);
      const { 'a-owned': owned, ...migrated } = state.sessions;
      expect(migrated).toEqual(expectedSessions());
      expect(owned).toMatchObject({ user_id: 'owner', created_at: 1_600_000_000, updated_at: 1_600_000_001 });
      expect(state.memories).toEqual(expectedMemories());

      const tables = byKind(first!);
      expect(tables['agentSessions']).toMatchObject({
        read: 5,
        written: 4,
        inserted: 4,
        updated: 0,
        skipped: 1,
        runsDropped: 2,
        status: 'done',
      });
      expect(tables['agentSessions']!.skippedReasons).toEqual({
        'session_id belongs to another user in the target': { count: 1, examples: ['a-owned'] },
      });
      expect(tables['teamSessions']).toMatchObject({ read: 2, inserted: 2, skipped: 0 });
      expect(tables['workflowSessions']).toMatchObject({ read: 1, inserted: 1 });
      expect(tables['memories']).toMatchObject({ read: 4, inserted: 3, skipped: 1 });
      expect(tables['memories']!.skippedReasons).toEqual({ 'memory is empty (v2 requires it)': { count: 1, examples: ['m3'] } });
      expect(first!.totals).toEqual({ read: 12, written: 10, skipped: 2, kept: 0 });
      expect(first!.targets.map((t) => `${t.table}:${t.outcome}`)).toEqual(['agno_sessions:exists', 'agno_memories:created']);
      expect(byKind(second!)['workflowSessions']).toMatchObject({ read: 2, inserted: 2, runsDropped: 1 });

      const versions = await db.rows(`SELECT table_name, version FROM ${db.qualify('agno_schema_versions')} ORDER BY table_name`);
      expect(versions).toEqual([
        { table_name: 'agno_memories', version: reachedVersion('memories') },
        { table_name: 'agno_sessions', version: '2.5.6' },
      ]);
    });

    it('a second run duplicates nothing and leaves the same rows', async () => {
      await migrateAll(db);
      const before = await finalState(db);
      const [again] = await migrateAll(db);
      expect(await finalState(db)).toEqual(before);
      expect(await count(db, 'agno_memories')).toBe(3);
      const tables = byKind(again!);
      expect(tables['agentSessions']).toMatchObject({
        read: 5,
        inserted: 0,
        updated: 0,
        kept: 4,
        skipped: 1,
        resumed: null,
        alreadyDone: false,
      });
      expect(tables['agentSessions']!.keptReasons).toEqual({
        [SAME]: { count: 4, examples: ['a-full', 'a-huge', 'a-nulls', 'a-strings'] },
      });
      expect(tables['memories']).toMatchObject({ read: 4, inserted: 0, updated: 0, kept: 3, skipped: 1 });
      expect(again!.totals).toEqual({ read: 12, written: 0, skipped: 2, kept: 10 });
    });

    it('a re-run keeps what the application changed in v2 after the first run, and updates from a newer v1 row', async () => {
      await migrateAll(db);
      await applicationEdits(db);
      // The v1 application wrote one session again after the first run: that one is newer in v1.
      await db.exec(
        `UPDATE ${db.qualify(V1_NAMES.teamSessions)} SET ${db.quoteIdent('updated_at')} = ? WHERE ${db.quoteIdent('session_id')} = ?`,
        [1_900_000_000, 't-full'],
      );
      const edited = await finalState(db);

      const [again] = await migrateAll(db);
      const after = await finalState(db);
      expect(after.sessions['a-full']).toEqual(edited.sessions['a-full']);
      expect(after.sessions['a-strings']).toEqual(edited.sessions['a-strings']);
      expect(after.memories['m1']).toEqual(edited.memories['m1']);
      expect(after.sessions['t-full']!['updated_at']).toBe(1_900_000_000);
      const { 't-full': _updated, ...rest } = after.sessions;
      const { 't-full': _before, ...restBefore } = edited.sessions;
      expect(rest).toEqual(restBefore);

      const tables = byKind(again!);
      expect(tables['agentSessions']).toMatchObject({ read: 5, inserted: 0, updated: 0, kept: 4, skipped: 1 });
      expect(tables['agentSessions']!.keptReasons).toEqual({
        [CHANGED]: { count: 1, examples: ['a-full'] },
        [SAME]: { count: 3, examples: ['a-huge', 'a-nulls', 'a-strings'] },
      });
      expect(tables['teamSessions']).toMatchObject({ read: 2, updated: 1, kept: 1 });
      expect(tables['memories']!.keptReasons[CHANGED]).toEqual({ count: 1, examples: ['m1'] });
    });

    it('the upsert itself never writes over a newer v2 row (an application write racing the lookup)', async () => {
      await migrateAll(db);
      await applicationEdits(db);
      const edited = await finalState(db);
      const dialect = db.dialect();
      const { spec } = tableJob(dialect, 'memories', { display: 'v1', key: 'id' } as SourceTable, 'agno_memories', true);
      const values = (id: string, memory: string, updatedAt: number) =>
        spec.columns.map(
          (c) => ({ memory_id: id, memory: JSON.stringify(memory), created_at: 1, updated_at: updatedAt })[c as 'memory'] ?? null,
        );
      const upsert = dialect.emitter.upsertRows(spec, [values('m1', 'older', 1_700_000_000), values('m2', 'newer', 1_900_000_000)]);
      const conn = await dialect.connector.connect();
      try {
        await conn.query(upsert.sql, upsert.params);
      } finally {
        await conn.close();
      }
      const after = await finalState(db);
      expect(after.memories['m1']).toEqual(edited.memories['m1']);
      expect(after.memories['m2']).toMatchObject({ memory: 'newer', updated_at: 1_900_000_000 });
    });

    it('a dry run reads and transforms everything and writes nothing, not even the missing tables', async () => {
      const report = await migrateV1ToV2(db.dialect(), firstRun({ dryRun: true }));
      expect(report.dryRun).toBe(true);
      expect(report.totals).toEqual({ read: 12, written: 10, skipped: 2, kept: 0 });
      expect(report.targets.map((t) => `${t.table}:${t.outcome}`)).toEqual(['agno_sessions:exists', 'agno_memories:missing']);
      const manager = new MigrationManager(db.dialect());
      try {
        const status = await manager.status();
        const present = status.tables.filter((t) => t.exists).map((t) => t.tableName);
        expect(present).toEqual(['agno_sessions']);
      } finally {
        await manager.close();
      }
      expect(await count(db, 'agno_sessions')).toBe(1);
      await expect(db.rows(`SELECT * FROM ${db.qualify('agno_v1_to_v2_progress')}`)).rejects.toThrow();
    });

    it('refuses an unknown v1 table, and a run naming none, before writing anything', async () => {
      await expect(migrateV1ToV2(db.dialect(), { agentSessions: 'no_such_table' })).rejects.toThrow(
        /v1 agent sessions table .*no_such_table does not exist/,
      );
      await expect(migrateV1ToV2(db.dialect(), {})).rejects.toBeInstanceOf(ConfigurationError);
      expect(await count(db, 'agno_sessions')).toBe(1);
    });

    it('refuses a v2 sessions table below or above the 2.x shape it writes', async () => {
      await db.exec(`UPDATE ${db.qualify('agno_schema_versions')} SET version = '2.0.0' WHERE table_name = 'agno_sessions'`);
      await expect(migrateV1ToV2(db.dialect(), firstRun())).rejects.toThrow(
        'agno_sessions is at version 2.0.0, not 2.5.6: bring it up first (agno-migrate up --target 2.5.6)',
      );
      await db.exec(`UPDATE ${db.qualify('agno_schema_versions')} SET version = '3.0.0' WHERE table_name = 'agno_sessions'`);
      await expect(migrateV1ToV2(db.dialect(), firstRun())).rejects.toThrow(
        'agno_sessions is at version 3.0.0: v1-to-v2 writes Agno 2.x sessions',
      );
    });

    stoppedRunCases(target, () => db, options);

    // SQLite has no schemas: the v1 tables are always in the database file itself.
    if (options.otherNamespace)
      it('reads v1 tables from their own schema into renamed v2 tables', async () => {
        const other = `${db.namespace}_v1`;
        await db.exec(options.otherNamespace!.create(db, other));
        try {
          await createV1Fixture(db, V1_NAMES, other);
          const report = await migrateV1ToV2(
            db.dialect(),
            firstRun({ v1Schema: other, targetTables: { sessions: 'v2_sessions', memories: 'v2_memories' } }),
          );
          expect(report.v1Schema).toBe(other);
          expect(report.tables[0]!.source).toBe(`${other}.agent_sessions`);
          expect(report.totals).toEqual({ read: 12, written: 11, skipped: 1, kept: 0 });
          expect(await count(db, 'v2_sessions')).toBe(8);
          expect(await count(db, 'v2_memories')).toBe(3);
        } finally {
          await db.exec(options.otherNamespace!.drop(db, other));
        }
      });
  });
}
