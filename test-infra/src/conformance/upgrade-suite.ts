import { availableOn, MigrationManager, resolveTableType } from '@agno-migrate/core';
import { AGNO_GRAPH as GRAPH, reachedVersion as reached } from './reached.js';
import type { ManagerOptions } from '@agno-migrate/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAgno22Database } from '../fixtures/index.js';
import { SEED } from '../fixtures/seed-rows.js';
import { DEFAULT_NAMES } from '../fixtures/table-names.js';
import type { Agno22Names } from '../fixtures/table-names.js';
import type { TestDatabase, TestTarget } from '../target.js';
import { shapeOf } from './shape.js';

const NOW = new Date('2026-01-02T03:04:05Z');
const NOW_EPOCH = Math.floor(NOW.getTime() / 1000);
const FRESH: Record<string, string> = {
  memories: 'fresh_memories',
  sessions: 'fresh_sessions',
  metrics: 'fresh_metrics',
  evals: 'fresh_evals',
  knowledge: 'fresh_knowledge',
  culture: 'fresh_culture',
  approvals: 'fresh_approvals',
};
const TYPES = Object.keys(DEFAULT_NAMES) as (keyof Agno22Names)[];
/** The types that reach the latest version, so their shape must equal a fresh table's. */
const APPROVALS_HERE = (db: TestDatabase) => availableOn(resolveTableType('approvals'), db.flavor);
const AT_LATEST = TYPES.filter((t) => reached(t) === GRAPH.latest);

/**
 * Rows each table keeps: all, except that Agno 3.0's metrics step deletes the newest day's unowned
 * rows when that day is unfinished (SEED's one metrics row is such a day).
 */
const rowsAfterUp = (type: keyof Agno22Names) =>
  type === 'metrics' && reached('metrics') === '3.0.0' ? SEED.metrics.filter((r) => r.completed).length : SEED[type].length;

/** A sessions table's shape without Agno's legacy runs column, which a migrated table keeps. */
const legacyRuns = (shape: readonly string[]) => shape.filter((line) => !line.startsWith('column runs '));

/**
 * An Agno 2.2 database upgraded to the exact latest shapes with every row intact, reverted,
 * re-applied, forced, partially targeted, renamed; newer and retired tables left alone; dry runs
 * and init.
 */
export function runUpgradeSuite(target: TestTarget, options: { readonly skip: boolean }): void {
  describe.skipIf(options.skip)(`${target.name}: conformance`, () => {
    let db: TestDatabase;
    const managers: MigrationManager[] = [];
    const manager = (opts: ManagerOptions = {}) => {
      const m = new MigrationManager(db.dialect(), { now: () => NOW, ...opts });
      managers.push(m);
      return m;
    };
    const versions = async (table = 'agno_schema_versions') =>
      Object.fromEntries(
        (await db.rows(`SELECT table_name, version FROM ${db.qualify(table)}`)).map((r) => [String(r['table_name']), String(r['version'])]),
      );
    const freshShapes = async () => {
      await manager({ tables: FRESH, versionsTable: 'fresh_versions' }).create();
      return Object.fromEntries(await Promise.all(AT_LATEST.map(async (t) => [t, await shapeOf(db, FRESH[t]!)] as const)));
    };

    beforeEach(async () => {
      db = await target.create();
    });
    afterEach(async () => {
      for (const m of managers.splice(0)) await m.close();
      await db.close();
    });

    it('upgrades an Agno 2.2 database to exactly the latest shapes, every row intact', async () => {
      await createAgno22Database(db, DEFAULT_NAMES);
      const result = await manager().up();
      expect(result.status).toBe('ok');
      expect(result.tables.filter((t) => t.outcome === 'migrated').map((t) => t.tableType)).toEqual(TYPES);
      // approvals is newer than 2.2: absent where Agno has it, said to be not stored where it does not (MySQL family).
      expect(result.tables.find((t) => t.tableType === 'approvals')?.outcome).toBe(APPROVALS_HERE(db) ? 'absent' : 'not-on-dialect');

      const stamped = await versions();
      for (const t of TYPES) expect(stamped[DEFAULT_NAMES[t]], t).toBe(reached(t));
      expect(stamped['agno_approvals']).toBeUndefined();
      expect(result.tables.find((t) => t.tableType === 'culture')?.held?.at).toBe('2.5.6');

      const fresh = await freshShapes();
      // A migrated sessions table keeps Agno's legacy runs column (a backup until cleanup-runs): otherwise it is the fresh shape.
      for (const t of AT_LATEST) {
        const shape = await shapeOf(db, DEFAULT_NAMES[t]);
        expect(t === 'sessions' ? legacyRuns(shape) : shape, t).toEqual(fresh[t]);
      }
      expect((await shapeOf(db, DEFAULT_NAMES['sessions'])).some((line) => line.startsWith('column runs '))).toBe(true);

      const memories = await db.rows(`SELECT memory_id, created_at, updated_at FROM ${db.qualify('agno_memories')} ORDER BY memory_id`);
      expect(memories.map((r) => [r['memory_id'], Number(r['created_at'])])).toEqual([
        ['m1', 1700000000],
        ['m2', NOW_EPOCH],
      ]);
      for (const t of TYPES) {
        const [row] = await db.rows(`SELECT COUNT(*) AS n FROM ${db.qualify(DEFAULT_NAMES[t])}`);
        expect(Number(row?.['n']), t).toBe(rowsAfterUp(t));
      }
      const [session] = await db.rows(`SELECT session_data, runs FROM ${db.qualify('agno_sessions')} WHERE session_id = ?`, ['s1']);
      const parse = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
      expect(parse(session?.['session_data'])).toEqual({ state: { n: 1 } });
      expect(parse(session?.['runs'])).toEqual([{ run_id: 'r1', content: 'hi' }]);
    });

    it('does nothing on a second run', async () => {
      await createAgno22Database(db, DEFAULT_NAMES);
      await manager().up();
      const again = await manager().up();
      const held = (t: { tableType: string }) => reached(t.tableType) !== GRAPH.latest;
      const present = again.tables.filter((t) => t.outcome !== 'absent' && t.outcome !== 'not-on-dialect');
      expect(present.map((t) => t.tableType).sort()).toEqual([...TYPES].filter((t) => t !== 'culture').sort());
      expect(present.filter((t) => t.outcome !== (held(t) ? 'held' : 'up-to-date'))).toEqual([]);
    });

    it('reverts to 2.0.0 and upgrades again to the same shapes', async () => {
      await createAgno22Database(db, DEFAULT_NAMES);
      await manager().up();
      const upgraded = await Promise.all(TYPES.map((t) => shapeOf(db, DEFAULT_NAMES[t])));
      const down = await manager().down({ targetVersion: '2.0.0' });
      expect(down.status).toBe('ok');
      for (const t of TYPES) expect((await versions())[DEFAULT_NAMES[t]]).toBe('2.0.0');
      expect((await shapeOf(db, 'agno_memories')).some((l) => l.startsWith('column created_at'))).toBe(false);
      await manager().up();
      expect(await Promise.all(TYPES.map((t) => shapeOf(db, DEFAULT_NAMES[t])))).toEqual(upgraded);
      const [row] = await db.rows(`SELECT COUNT(*) AS n FROM ${db.qualify('agno_memories')}`);
      expect(Number(row?.['n'])).toBe(2);
    });

    it('stops at --target 2.3.0 and stamps 2.3.0', async () => {
      await createAgno22Database(db, DEFAULT_NAMES);
      const result = await manager().up({ targetVersion: '2.4' });
      expect(result.targetVersion).toBe('2.3.0');
      for (const t of TYPES) expect((await versions())[DEFAULT_NAMES[t]]).toBe('2.3.0');
      expect((await shapeOf(db, 'agno_memories')).some((l) => l.startsWith('column feedback'))).toBe(true);
    });

    it('re-applies a step the versions row claims is done when forced', async () => {
      await createAgno22Database(db, DEFAULT_NAMES);
      await manager().up();
      await db.exec(`ALTER TABLE ${db.qualify('agno_memories')} DROP COLUMN ${db.quoteIdent('feedback')}`);
      const plain = await manager().up({ tableType: 'memories' });
      expect(plain.tables[0]?.outcome).toBe('up-to-date');
      const forced = await manager().up({ tableType: 'memories', force: true });
      expect(forced.tables[0]?.outcome).toBe('migrated');
      expect((await shapeOf(db, 'agno_memories')).some((l) => l.startsWith('column feedback'))).toBe(true);
      expect((await versions())['agno_memories']).toBe(GRAPH.latest);
    });

    it('leaves a table stamped by a newer Agno untouched: up, down, status and verify all say so and succeed', async () => {
      await createAgno22Database(db, DEFAULT_NAMES);
      await manager().up();
      const versionsTable = db.qualify('agno_schema_versions');
      await db.exec(`UPDATE ${versionsTable} SET ${db.quoteIdent('version')} = ? WHERE ${db.quoteIdent('table_name')} = ?`, [
        '3.1.0',
        DEFAULT_NAMES.memories,
      ]);
      const before = await shapeOf(db, DEFAULT_NAMES.memories);

      const up = await manager().up({ force: true });
      expect(up.status).toBe('ok');
      expect(up.tables.find((t) => t.tableType === 'memories')).toMatchObject({ outcome: 'newer', from: '3.1.0', to: '3.1.0', steps: [] });
      expect(up.tables.find((t) => t.tableType === 'memories')?.reason).toMatch(/newer than this tool knows/);
      const down = await manager().down({ targetVersion: '2.0.0', tableType: 'memories' });
      expect(down.tables[0]).toMatchObject({ outcome: 'newer', to: '3.1.0' });
      expect(await shapeOf(db, DEFAULT_NAMES.memories)).toEqual(before);
      expect((await versions())[DEFAULT_NAMES.memories]).toBe('3.1.0');

      const status = await manager().status();
      expect(status.tables.find((t) => t.tableType === 'memories')).toMatchObject({ current: '3.1.0', pending: [], health: 'newer' });
      const verified = await manager().verify();
      expect(verified.status).toBe('ok');
      expect(verified.tables.find((t) => t.tableType === 'memories')).toMatchObject({ health: 'newer', findings: [] });
      // Naming a version this tool does not know is still a usage error.
      await expect(manager().up({ targetVersion: '3.1.0' })).rejects.toMatchObject({ exitCode: 2 });
    });

    it('keeps a culture table (retired by Agno 3.0) at 2.5.6: migrated as 2.x did, never stamped past it, never dropped', async () => {
      await createAgno22Database(db, DEFAULT_NAMES);
      const up = await manager().up({ tableType: 'culture' });
      expect(up.tables[0]).toMatchObject({ outcome: 'migrated', to: '2.5.6', held: { at: '2.5.6' } });
      const again = await manager().up({ tableType: 'culture', force: true });
      expect(again.tables[0]).toMatchObject({ to: '2.5.6', held: { at: '2.5.6' } });
      expect((await versions())[DEFAULT_NAMES.culture]).toBe('2.5.6');
      const status = await manager().status();
      expect(status.tables.find((t) => t.tableType === 'culture')).toMatchObject({
        exists: true,
        current: '2.5.6',
        pending: [],
        held: { at: '2.5.6' },
      });
      expect((await manager().down({ targetVersion: '2.0.0', tableType: 'culture' })).tables[0]).toMatchObject({
        outcome: 'migrated',
        to: '2.0.0',
      });
      expect(await shapeOf(db, DEFAULT_NAMES.culture)).not.toEqual([]);
      // An absent culture table is not Agno 3.0's business: init does not create it, status does not list it.
      await db.exec(`DROP TABLE ${db.qualify(DEFAULT_NAMES.culture)}`);
      expect((await manager().status()).tables.map((t) => t.tableType)).not.toContain('culture');
      expect((await manager().create()).tables.map((t) => t.tableType)).not.toContain('culture');
    });

    it('reports an absent table without stamping it', async () => {
      const result = await manager().up({ tableType: 'memories' });
      expect(result.tables[0]).toMatchObject({ outcome: 'absent', from: '2.0.0', to: '2.0.0' });
      const stamped = await db.rows(`SELECT table_name FROM ${db.qualify('agno_schema_versions')}`).catch(() => []);
      expect(stamped).toEqual([]);
    });

    it('migrates renamed tables, including names that need quoting, with a renamed versions table', async () => {
      const names: Agno22Names = {
        memories: 'My "Memories" Table',
        sessions: 'sess-ions; x',
        metrics: 'métriques',
        evals: 'evals 2',
        knowledge: 'kn`owledge',
        culture: "cul'ture",
      };
      await createAgno22Database(db, names);
      const result = await manager({ tables: { ...names }, versionsTable: 'my versions' }).up();
      expect(result.status).toBe('ok');
      const stamped = await versions('my versions');
      for (const t of TYPES) expect(stamped[names[t]], t).toBe(reached(t));
      const fresh = await freshShapes();
      expect(await shapeOf(db, names.memories)).toEqual(fresh['memories']);
    });

    it('changes nothing in a dry run and reports the SQL it would run', async () => {
      await createAgno22Database(db, DEFAULT_NAMES);
      const before = await Promise.all(TYPES.map((t) => shapeOf(db, DEFAULT_NAMES[t])));
      const plan = await manager().plan();
      expect(plan.dryRun).toBe(true);
      const memories = plan.tables.find((t) => t.tableType === 'memories')!;
      expect(memories.outcome).toBe('migrated');
      expect(memories.steps.flatMap((s) => s.operations).flatMap((o) => o.statements).length).toBeGreaterThan(2);
      expect(await Promise.all(TYPES.map((t) => shapeOf(db, DEFAULT_NAMES[t])))).toEqual(before);
      await expect(db.rows(`SELECT * FROM ${db.qualify('agno_schema_versions')}`)).rejects.toThrow();
    });

    // Agno 2.2 gave sessions a primary key on SQLite only; elsewhere duplicates can exist before 2.5.0.
    const repeated = target.traits.repeatedSessionIn22;
    it.skipIf(repeated === null)('blocks the 2.5.0 key on duplicate session_id, migrates the rest, then finishes once fixed', async () => {
      await createAgno22Database(db, DEFAULT_NAMES);
      if (repeated?.dropKeySql) await db.exec(repeated.dropKeySql(db, DEFAULT_NAMES.sessions));
      await db.exec(
        `INSERT INTO ${db.qualify('agno_sessions')} (${['session_id', 'session_type', 'created_at'].map((c) => db.quoteIdent(c)).join(', ')}) VALUES (?, ?, ?)`,
        ['s1', repeated?.sessionType, 1700000999],
      );
      const blocked = await manager().up();
      expect(blocked.status).toBe('blocked');
      const sessions = blocked.tables.find((t) => t.tableType === 'sessions')!;
      expect(sessions).toMatchObject({
        outcome: 'blocked',
        to: '2.3.0',
        blocked: { check: 'unique', column: 'session_id', count: 1, examples: ['s1'] },
      });
      expect(sessions.blocked?.fixSql).toContain(DEFAULT_NAMES.sessions);
      expect((await versions())['agno_sessions']).toBe('2.3.0');
      expect((await versions())['agno_memories']).toBe(GRAPH.latest);

      await db.exec(`DELETE FROM ${db.qualify('agno_sessions')} WHERE ${db.quoteIdent('created_at')} = ?`, [1700000999]);
      const fixed = await manager().up();
      expect(fixed.status).toBe('ok');
      expect((await versions())['agno_sessions']).toBe(reached('sessions'));
      if (AT_LATEST.includes('sessions')) expect(legacyRuns(await shapeOf(db, 'agno_sessions'))).toEqual((await freshShapes())['sessions']);
    });

    it('init creates every missing table at the latest version, as fresh as Agno makes them', async () => {
      const result = await manager().create();
      expect(result.status).toBe('ok');
      const stamped = await versions();
      for (const t of result.tables) {
        if (t.outcome === 'created') expect(stamped[t.tableName]).toBe(GRAPH.latest);
      }
      const again = await manager().create();
      expect(again.tables.every((t) => t.outcome === 'exists' || t.outcome === 'not-on-dialect')).toBe(true);
      const status = await manager().status();
      expect(status.tables.filter((t) => t.exists).every((t) => t.pending.length === 0)).toBe(true);
    });
  });
}
