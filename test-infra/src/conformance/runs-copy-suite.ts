import type { MigrationEvent, MigrationManager } from '@agno-migrate/core';
import { buildRunRows } from '@agno-migrate/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestDatabase, TestTarget } from '../target.js';
import { describeChild, runInChild } from './processes/child-run.js';
import {
  copyReport,
  insertSessions,
  KEPT_E,
  legacySessions,
  NOW_SECONDS,
  runRows,
  runsManager,
  tableColumns,
  versionOf,
} from './runs-fixture.js';

/** Agno 3.0's runs copy (spec §3.2) on a real database: its rules, its counts, re-runs and races. */
export function runRunsCopySuite(target: TestTarget, options: { readonly skip: boolean }): void {
  describe.skipIf(options.skip)(`${target.name}: sessions.runs into the runs table`, () => {
    let db: TestDatabase;
    const managers: MigrationManager[] = [];
    const manager = (opts = {}) => runsManager(db, managers, opts);
    const q = (n: string) => db.quoteIdent(n);

    beforeEach(async () => {
      db = await target.create();
    });
    afterEach(async () => {
      for (const m of managers.splice(0)) await m.close();
      await db.close();
    });

    const keepE = async () => {
      await manager().create({ tableType: 'runs' });
      await db.exec(
        `INSERT INTO ${db.qualify('agno_runs')} (${q('run_id')}, ${q('session_id')}, ${q('run_type')}, ${q('run_data')}, ${q('created_at')}) VALUES (?, ?, ?, ?, ?)`,
        ['E', 's6', 'team', JSON.stringify(KEPT_E), 1],
      );
    };

    it("copies one row per run by Agno's rules and counts every skip by reason", async () => {
      await legacySessions(db, manager());
      await keepE();
      const result = await manager().up({ tableType: 'sessions' });
      expect(result.status).toBe('ok');
      expect(copyReport(result)).toEqual({
        sessions: 6,
        runs: 5,
        copied: 4,
        existing: 1,
        skipped: { not_object: 1, no_run_id: 2, not_list: 1, unparsable: 1, total: 5 },
        rowByRow: 2,
        decodedTwice: 1,
        legacyColumn: true,
      });
      const rows = await runRows(db);
      const pick = (r: Record<string, unknown>) => [
        r['run_id'],
        r['session_id'],
        r['run_type'],
        r['agent_id'],
        r['team_id'],
        r['workflow_id'],
        r['user_id'],
        r['parent_run_id'],
        r['status'],
        r['run_index'],
        r['created_at'],
      ];
      expect(rows.map(pick)).toEqual([
        ['A', 's1', 'agent', 'ag', null, null, 'u1', null, 'COMPLETED', 0, 1600000000],
        ['B', 's1', 'team', '', 't', null, 'u1', 'A', 'RUNNING', 3, NOW_SECONDS],
        ['C', 's1', 'workflow', null, null, 'w', 'u1', null, null, 5, 1700000000],
        ['D', 's3', 'agent', 'ag2', null, null, 'u3', null, null, 0, 1650000000],
        ['E', 's6', 'team', null, null, null, null, null, null, null, 1],
      ]);
      expect(rows.filter((r) => r['run_id'] !== 'E').every((r) => r['updated_at'] === NOW_SECONDS)).toBe(true);
      expect(rows[0]!['run_data']).toEqual({
        run_id: 'A',
        agent_id: 'ag',
        status: 'COMPLETED',
        parent_run_id: null,
        created_at: 1600000000,
        content: { nested: [1, 2], text: 'é ✓' },
      });
      expect(rows[4]!['run_data']).toEqual(KEPT_E);
      expect(await versionOf(db, 'agno_sessions')).toBe('3.0.0');
      expect(await versionOf(db, 'agno_runs')).toBe('3.0.0');
      // Agno keeps the legacy column as a backup; verify accepts it.
      expect(await tableColumns(db, manager(), 'agno_sessions')).toContain('runs');
      const verified = await manager().verify({ tableType: 'sessions' });
      expect(verified.tables.flatMap((t) => t.findings.map((f) => f.message))).toEqual([]);
    });

    it('creates the runs table in its 3.0 shape, stamped 3.0.0, before copying', async () => {
      await legacySessions(db, manager());
      const result = await manager().up({ tableType: 'sessions' });
      expect(copyReport(result)?.['copied']).toBe(5);
      expect(await versionOf(db, 'agno_runs')).toBe('3.0.0');
      const verified = await manager().verify({ tableType: 'runs' });
      expect(verified.tables.flatMap((t) => t.findings.map((f) => f.message))).toEqual([]);
    });

    it('a dry run says what it would copy and skip, and writes nothing', async () => {
      await legacySessions(db, manager());
      await keepE();
      const result = await manager().up({ tableType: 'sessions', dryRun: true });
      expect(copyReport(result)).toMatchObject({ sessions: 6, runs: 5, wouldCopy: 4, existing: 1, skipped: { total: 5 } });
      expect((await runRows(db)).map((r) => r['run_id'])).toEqual(['E']);
      expect(await versionOf(db, 'agno_sessions')).toBe('2.5.6');
    });

    it('a dry run before the runs table exists creates nothing', async () => {
      await legacySessions(db, manager());
      const result = await manager().up({ tableType: 'sessions', dryRun: true });
      expect(copyReport(result)).toMatchObject({ sessions: 6, runs: 5, wouldCopy: 5, existing: 0 });
      expect(await tableColumns(db, manager(), 'agno_runs')).toBeNull();
    });

    it('walks many sessions in batches: every run exactly once', async () => {
      const many = Array.from({ length: 1203 }, (_, i) => ({
        id: `m${String(i).padStart(5, '0')}`,
        user: `u${i % 7}`,
        runs: JSON.stringify(Array.from({ length: (i % 3) + 1 }, (_, j) => ({ run_id: `m${i}-${j}`, agent_id: 'a', created_at: 1 + j }))),
      }));
      await legacySessions(db, manager(), many);
      const result = await manager().up({ tableType: 'sessions' });
      const expected = many.reduce((n, _s, i) => n + (i % 3) + 1, 0);
      expect(copyReport(result)).toMatchObject({ sessions: 1203, runs: expected, copied: expected, existing: 0 });
      const [count] = await db.rows(`SELECT COUNT(*) AS n, COUNT(DISTINCT ${q('run_id')}) AS d FROM ${db.qualify('agno_runs')}`);
      expect([Number(count!['n']), Number(count!['d'])]).toEqual([expected, expected]);
    });

    it('after a run killed mid-copy, the next up finishes with exactly one row per run', async () => {
      await legacySessions(db, manager());
      // What a kill after the first batches leaves: the runs table, some rows, sessions still at 2.5.6.
      await manager().create({ tableType: 'runs' });
      await db.exec(
        `INSERT INTO ${db.qualify('agno_runs')} (${q('run_id')}, ${q('session_id')}, ${q('run_type')}, ${q('run_data')}, ${q('created_at')}) VALUES (?, ?, ?, ?, ?)`,
        ['A', 's1', 'agent', JSON.stringify({ run_id: 'A' }), 1],
      );
      const result = await manager().up({ tableType: 'sessions' });
      expect(copyReport(result)).toMatchObject({ runs: 5, copied: 4, existing: 1 });
      expect((await runRows(db)).map((r) => r['run_id'])).toEqual(['A', 'B', 'C', 'D', 'E']);
      const again = await manager().up({ tableType: 'sessions', force: true });
      expect(copyReport(again)).toMatchObject({ runs: 5, copied: 0, existing: 5 });
      expect((await runRows(db)).length).toBe(5);
    });

    it('builds the secondary indexes of the runs table it created after the copy, ending in the 3.0 shape', async () => {
      await legacySessions(db, manager());
      const result = await manager().up({ tableType: 'sessions' });
      const statements = result.tables.flatMap((t) => t.steps.flatMap((s) => s.operations.flatMap((o) => o.statements.map((r) => r.sql))));
      const lastInsert = statements.findLastIndex((sql) => sql.startsWith(`INSERT INTO ${db.qualify('agno_runs')}`));
      const statusIndex = statements.findIndex((sql) => sql.includes(q('idx_agno_runs_status')));
      expect(lastInsert).toBeGreaterThan(-1);
      // A dialect may declare them with the table instead (SingleStore's sharded table).
      if (db.dialect().emitter.runsSql?.()?.indexesAfterCopy === false) expect(statusIndex).toBeLessThan(lastInsert);
      else expect(statusIndex).toBeGreaterThan(lastInsert);
      // The runs table is stamped once it is whole: after its last index, never before.
      const records = result.tables.flatMap((t) => t.steps.flatMap((s) => s.operations.flatMap((o) => o.statements)));
      const runsStamp = records.findIndex((r) => r.sql.includes('agno_schema_versions') && r.params.includes('agno_runs'));
      const lastIndex = statements.findLastIndex((sql) => /^CREATE (UNIQUE )?INDEX/i.test(sql) && sql.includes('agno_runs'));
      expect(runsStamp).toBeGreaterThan(-1);
      expect(runsStamp).toBeGreaterThan(lastIndex);
      expect(copyReport(result)).toMatchObject({ runs: 5, copied: 5 });
      const verified = await manager().verify({ tableType: 'runs' });
      expect(verified.tables.flatMap((t) => t.findings.map((f) => f.message))).toEqual([]);
    });

    it('a run killed after the copy, before the late indexes, leaves the runs table unstamped; the next up completes and stamps it', async (ctx) => {
      if (db.dialect().emitter.runsSql?.()?.indexesAfterCopy === false) return ctx.skip(); // its indexes come with the table
      // Where the kill lands: right before the first late index, counted on a clean run of the same database.
      await legacySessions(db, manager());
      const done: string[] = [];
      const counting = manager({ onEvent: (e: MigrationEvent) => (e.type === 'statement-done' ? done.push(e.statement.sql) : undefined) });
      expect((await counting.up({ tableType: 'sessions' })).status).toBe('ok');
      const killAfter = done.findIndex((sql) => sql.includes(q('idx_agno_runs_status')));
      expect(killAfter).toBeGreaterThan(0);

      const other = await target.create();
      const others: MigrationManager[] = [];
      try {
        await legacySessions(other, runsManager(other, others));
        const killed = await runInChild(other, { options: { tableType: 'sessions' }, killAfter });
        expect(killed.signal, describeChild(killed)).toBe('SIGKILL');
        expect(await versionOf(other, 'agno_sessions')).toBe('2.5.6');
        expect(await versionOf(other, 'agno_runs')).toBeUndefined();
        // Where the copy commits batch by batch its rows are there, in a table that still lacks the late indexes;
        // where the whole run is one transaction (SQLite) the kill took the table with it.
        const left = await tableColumns(other, others[0]!, 'agno_runs');
        if (left !== null) expect((await runRows(other)).map((r) => r['run_id'])).toEqual(['A', 'B', 'C', 'D', 'E']);
        else expect(other.dialect().capabilities.synchronous).toBe(true);

        const rerun = await runsManager(other, others).up({ tableType: 'sessions' });
        expect(rerun.status).toBe('ok');
        expect(copyReport(rerun)).toMatchObject({ runs: 5, copied: left === null ? 5 : 0 });
        const verified = await runsManager(other, others).verify({ tableType: 'runs' });
        expect(verified.tables.flatMap((t) => t.findings.map((f) => f.message))).toEqual([]);
        expect(await versionOf(other, 'agno_runs')).toBe('3.0.0');
        expect(await versionOf(other, 'agno_sessions')).toBe('3.0.0');
      } finally {
        for (const m of others) await m.close();
        await other.close();
      }
    }, 120_000);

    it('after a run killed before the runs indexes were built, the next up builds them and copies the rest', async () => {
      await legacySessions(db, manager());
      // What a kill after the copy's first batches leaves: the runs table without its late indexes, sessions at 2.5.6.
      await manager().create({ tableType: 'runs' });
      for (const index of ['idx_agno_runs_status', 'idx_agno_runs_created_at']) {
        await db.exec(db.dropIndexSql('agno_runs', index));
      }
      const result = await manager().up({ tableType: 'sessions' });
      expect(copyReport(result)).toMatchObject({ runs: 5, copied: 5 });
      const verified = await manager().verify({ tableType: 'runs' });
      expect(verified.tables.flatMap((t) => t.findings.map((f) => f.message))).toEqual([]);
      expect(await versionOf(db, 'agno_sessions')).toBe('3.0.0');
    });

    // Each deploy a process of its own: a waiting SQLite writer blocks its whole thread.
    it('racing deploys copy once', async () => {
      await legacySessions(db, manager());
      const race = () => runInChild(db, { options: { tableType: 'sessions' }, manager: { lockTimeoutMs: 20_000 } });
      const runs = await Promise.all([race(), race()]);
      expect(runs.map((r) => r.output?.result.status ?? describeChild(r))).toEqual(['ok', 'ok']);
      const copied = runs.map((r) => Number(copyReport(r.output!.result)?.['copied'] ?? 0));
      expect(copied.sort()).toEqual([0, 5]);
      expect((await runRows(db)).map((r) => r['run_id'])).toEqual(['A', 'B', 'C', 'D', 'E']);
    }, 120_000);

    it('a sessions table without a runs column is stamped with the runs table created', async () => {
      await legacySessions(db, manager(), []);
      await db.exec(`ALTER TABLE ${db.qualify('agno_sessions')} DROP COLUMN ${q('runs')}`);
      const result = await manager().up({ tableType: 'sessions' });
      expect(copyReport(result)).toMatchObject({ legacyColumn: false });
      expect(await versionOf(db, 'agno_sessions')).toBe('3.0.0');
      expect(await versionOf(db, 'agno_runs')).toBe('3.0.0');
    });

    it('the runs table follows a renamed sessions table', async () => {
      const renamed = () => manager({ tables: { sessions: 'my_sessions' } });
      await legacySessions(db, renamed(), [{ id: 'r1', user: 'u', runs: JSON.stringify([{ run_id: 'R', agent_id: 'a' }]) }]);
      await renamed().up({ tableType: 'sessions' });
      expect((await runRows(db, 'my_sessions_runs')).map((r) => [r['run_id'], r['session_id']])).toEqual([['R', 'r1']]);
    });

    it('run_type and created_at follow Python truthiness whatever JSON type the keys hold', async () => {
      const values = [0, 1, 0.0, 2.5, -3, true, false, null, '', 'x', [], [0], {}, { a: 1 }];
      const runs = values.flatMap((v, i) => [
        { run_id: `a${i}`, agent_id: v, team_id: 't' },
        { run_id: `t${i}`, team_id: v },
        { run_id: `c${i}`, agent_id: 'a', created_at: v },
      ]);
      await legacySessions(db, manager(), [{ id: 'odd', user: 'u', runs: JSON.stringify(runs) }]);
      await manager().up({ tableType: 'sessions' });
      const expected = buildRunRows(JSON.stringify(runs), 'odd', 'u', NOW_SECONDS).rows.map((r) => [r.run_id, r.run_type, r.created_at]);
      const rows = (await runRows(db)).map((r) => [r['run_id'], r['run_type'], r['created_at']]);
      const byId = (a: unknown[], b: unknown[]) => String(a[0]).localeCompare(String(b[0]));
      expect(rows.sort(byId)).toEqual(expected.sort(byId));
    });

    it('user_id comes from the session row, not from the run', async () => {
      await legacySessions(db, manager(), [
        { id: 'x', user: 'owner', runs: JSON.stringify([{ run_id: 'X', user_id: 'someone-else', agent_id: 'a' }]) },
      ]);
      await insertSessions(db, 'agno_sessions', []);
      await manager().up({ tableType: 'sessions' });
      expect((await runRows(db)).map((r) => r['user_id'])).toEqual(['owner']);
    });
  });
}
