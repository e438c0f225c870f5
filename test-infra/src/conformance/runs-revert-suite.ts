import type { MigrationManager } from '@agno-migrate/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestDatabase, TestTarget } from '../target.js';
import { blobOf, copyReport, legacySessions, runRows, runsManager, tableColumns, versionOf } from './runs-fixture.js';

const same = (rows: Record<string, unknown>[]) =>
  rows.map((r) => [r['run_id'], r['session_id'], r['run_type'], r['user_id'], r['status'], r['created_at'], r['run_data']]);

/** Down to 2.5.6 and cleanup-runs (spec §3.2) on a real database. */
export function runRunsRevertSuite(target: TestTarget, options: { readonly skip: boolean }): void {
  describe.skipIf(options.skip)(`${target.name}: runs back into sessions, and the legacy column's cleanup`, () => {
    let db: TestDatabase;
    const managers: MigrationManager[] = [];
    const manager = (opts = {}) => runsManager(db, managers, opts);
    const q = (n: string) => db.quoteIdent(n);

    beforeEach(async () => {
      db = await target.create();
      await legacySessions(db, manager());
      await manager().up({ tableType: 'sessions' });
    });
    afterEach(async () => {
      for (const m of managers.splice(0)) await m.close();
      await db.close();
    });

    it('down rebuilds each blob from its runs in run_index order, keeps sessions without runs rows, drops the runs table; up again gives the same rows', async () => {
      const before = await runRows(db);
      await db.exec(`ALTER TABLE ${db.qualify('agno_sessions')} DROP COLUMN ${q('runs')}`);
      const down = await manager().down({ tableType: 'sessions', targetVersion: '2.5.6' });
      expect(down.status).toBe('ok');
      expect(copyReport(down)).toMatchObject({ runs: 5, orphanRuns: 0, droppedTable: 'agno_runs' });
      expect(await tableColumns(db, manager(), 'agno_runs')).toBeNull();
      expect(await tableColumns(db, manager(), 'agno_sessions')).toContain('runs');
      expect(((await blobOf(db, 's1')) as { run_id: string }[]).map((r) => r.run_id)).toEqual(['A', 'B', 'C']);
      expect(await blobOf(db, 's2')).toBeNull();
      expect(await versionOf(db, 'agno_sessions')).toBe('2.5.6');

      const up = await manager().up({ tableType: 'sessions' });
      expect(copyReport(up)).toMatchObject({ runs: 5, copied: 5, skipped: { total: 0 } });
      expect(same(await runRows(db))).toEqual(same(before));
    });

    it('down leaves a session that has no runs rows exactly as it is', async () => {
      const down = await manager().down({ tableType: 'sessions', targetVersion: '2.5.6' });
      expect(down.status).toBe('ok');
      expect(await blobOf(db, 's2')).toEqual({ x: 1 });
      expect(await blobOf(db, 's4')).toBe('not json {');
      expect(await blobOf(db, 's5')).toBeNull();
    });

    it('cleanup-runs refuses while a run of a blob is missing from the runs table, naming the session', async () => {
      await db.exec(`DELETE FROM ${db.qualify('agno_runs')} WHERE ${q('run_id')} IN ('C', 'D')`);
      const refused = await manager().cleanupRuns();
      expect(refused).toMatchObject({ status: 'blocked', action: 'refused', unmigrated: { runs: 2, sessions: 2, examples: ['s1', 's3'] } });
      expect(await tableColumns(db, manager(), 'agno_sessions')).toContain('runs');
    });

    it('cleanup-runs drops the column once every run is proven copied, and says how much space it frees', async () => {
      const preview = await manager().cleanupRuns({ dryRun: true });
      expect(preview).toMatchObject({ status: 'ok', action: 'would-drop', sessions: 6, unmigrated: { runs: 0, sessions: 0 } });
      expect(preview.bytes).toBeGreaterThan(0);
      expect(await tableColumns(db, manager(), 'agno_sessions')).toContain('runs');
      const done = await manager().cleanupRuns();
      expect(done).toMatchObject({ status: 'ok', action: 'dropped', sessions: 6 });
      expect(await tableColumns(db, manager(), 'agno_sessions')).not.toContain('runs');
      expect(await manager().cleanupRuns()).toMatchObject({ status: 'ok', action: 'none' });
      const verified = await manager().verify({ tableType: 'sessions' });
      expect(verified.tables.flatMap((t) => t.findings.map((f) => f.message))).toEqual([]);
    });

    it('cleanup-runs --force drops the column whatever is missing, as Agno does', async () => {
      await db.exec(`DELETE FROM ${db.qualify('agno_runs')}`);
      expect(await manager().cleanupRuns({ force: true })).toMatchObject({ status: 'ok', action: 'dropped', unmigrated: { runs: 5 } });
      expect(await tableColumns(db, manager(), 'agno_sessions')).not.toContain('runs');
    });
  });
}
