import { describe, expect, it, afterEach, beforeEach } from 'vitest';
import type { MigrationManager } from '@agno-migrate/core';
import { createAgno29Database, agno29TypesOn, insertRow } from '../fixtures/agno-2-9.js';
import { METRICS_KEPT } from '../fixtures/agno-2-9-metrics.js';
import { AGNO_29_NAMES } from '../fixtures/agno-2-9-names.js';
import type { TestDatabase, TestTarget } from '../target.js';
import { freshShapes, managerFor, rowsOf, shapesOf, tableOf, versionsOf } from './v3-support.js';
import { runV3ReliabilitySuite } from './v3-reliability-suite.js';

const N = AGNO_29_NAMES;

/**
 * Agno 3.0's v3.0.0 step for the tables it gives an owner, on a real database: an Agno 2.9
 * database with data goes to 3.0.0 with exactly the fresh 3.0 shapes and Agno's rows, back to
 * 2.5.6 and up again; a re-run and a forced run change nothing; owners stop a revert.
 */
export function runV3ConformanceSuite(target: TestTarget, options: { readonly skip: boolean }): void {
  describe.skipIf(options.skip)(`${target.name}: Agno 2.9 → 3.0.0 (owned tables)`, () => {
    let db: TestDatabase;
    const opened: MigrationManager[] = [];
    const manager = (opts = {}) => managerFor(db, opened, opts);

    beforeEach(async () => {
      db = await target.create();
    });
    afterEach(async () => {
      for (const m of opened.splice(0)) await m.close();
      await db.close();
    });

    it('upgrades to the fresh 3.0 shapes; rows keep a NULL owner, metrics get "" and lose the unfinished day', async () => {
      await createAgno29Database(db);
      const types = agno29TypesOn(db);
      const result = await manager().up();
      expect(result.status).toBe('ok');
      for (const t of types) expect(tableOf(result, t)?.outcome, t).toBe('migrated');
      const stamped = await versionsOf(db);
      for (const t of types) expect(stamped[N[t]], t).toBe('3.0.0');
      expect(await shapesOf(db, N, types)).toEqual(await freshShapes(db, opened, types));

      const metrics = await db.rows(
        `SELECT ${db.quoteIdent('id')}, ${db.quoteIdent('user_id')} FROM ${db.qualify(N.metrics)} ORDER BY ${db.quoteIdent('id')}`,
      );
      expect(metrics.map((r) => [r['id'], r['user_id']])).toEqual([...METRICS_KEPT].sort().map((id) => [id, '']));
      for (const t of types.filter((x) => x !== 'metrics')) {
        const owners = await db.rows(`SELECT ${db.quoteIdent('user_id')} FROM ${db.qualify(N[t])}`);
        expect(owners.length, t).toBeGreaterThan(0);
        expect(
          owners.every((r) => r['user_id'] === null),
          t,
        ).toBe(true);
      }
      const report = tableOf(result, 'metrics')!
        .steps.flatMap((s) => s.operations)
        .find((o) => o.report && 'deleted_day' in o.report)?.report;
      expect(report?.['deleted_day']).toBe('2026-08-22');
    });

    it('a dry run shows exactly the SQL the real run then runs, and changes nothing', async () => {
      await createAgno29Database(db);
      const types = agno29TypesOn(db);
      const before = { shapes: await shapesOf(db, N, types), rows: await rowsOf(db, N, types) };
      const plan = await manager().plan();
      expect({ shapes: await shapesOf(db, N, types), rows: await rowsOf(db, N, types) }).toEqual(before);
      const real = await manager().up();
      const sqlOf = (r: typeof plan, t: string) => tableOf(r, t)?.steps.flatMap((s) => s.operations.flatMap((o) => o.statements));
      for (const t of types) expect(sqlOf(plan, t), t).toEqual(sqlOf(real, t));
    });

    it('a re-run does nothing, and a forced run converges without deleting another day', async () => {
      await createAgno29Database(db);
      const types = agno29TypesOn(db);
      await manager().up();
      const after = { shapes: await shapesOf(db, N, types), rows: await rowsOf(db, N, types) };
      const again = await manager().up();
      for (const t of types) expect(tableOf(again, t)?.outcome, t).toBe('up-to-date');
      const forced = await manager().up({ force: true });
      expect(forced.status).toBe('ok');
      const v3 = forced.tables.filter((t) => types.includes(t.tableType as never)).flatMap((t) => t.steps.filter((s) => s.to === '3.0.0'));
      expect(v3.flatMap((s) => s.operations.filter((o) => o.needed && o.statements.length > 0).map((o) => o.description))).toEqual([]);
      expect({ shapes: await shapesOf(db, N, types), rows: await rowsOf(db, N, types) }).toEqual(after);
    });

    it('down --target 2.5.6 restores the 2.9 shapes and rows, and up again gives the same 3.0 tables', async () => {
      await createAgno29Database(db);
      const types = agno29TypesOn(db);
      const old = await shapesOf(db, N, types);
      await manager().up();
      const upgraded = { shapes: await shapesOf(db, N, types), rows: await rowsOf(db, N, types) };
      const down = await manager().down({ targetVersion: '2.5.6' });
      expect(down.status).toBe('ok');
      const stamped = await versionsOf(db);
      for (const t of types) expect(stamped[N[t]], t).toBe('2.5.6');
      expect(await shapesOf(db, N, types)).toEqual(old);
      const [kept] = await db.rows(`SELECT COUNT(*) AS n FROM ${db.qualify(N.metrics)}`);
      expect(Number(kept?.['n'])).toBe(METRICS_KEPT.length);
      await manager().up();
      expect({ shapes: await shapesOf(db, N, types), rows: await rowsOf(db, N, types) }).toEqual(upgraded);
    });

    it('refuses to revert owners without force, naming the column and the rows; force drops them', async () => {
      await createAgno29Database(db);
      await manager().up();
      await insertRow(db, N.metrics, { ...ownedMetric(), user_id: 'u-1' });
      await db.exec(`UPDATE ${db.qualify(N.evals)} SET ${db.quoteIdent('user_id')} = ? WHERE ${db.quoteIdent('run_id')} = ?`, [
        'u-2',
        'ev-1',
      ]);
      const plan = await manager().down({ targetVersion: '2.5.6', dryRun: true });
      const refused = await manager().down({ targetVersion: '2.5.6' });
      for (const r of [plan, refused]) {
        expect(r.status).toBe('blocked');
        expect(tableOf(r, 'metrics')).toMatchObject({ outcome: 'blocked', blocked: { check: 'no-data', column: 'user_id', count: 1 } });
        expect(tableOf(r, 'evals')).toMatchObject({ outcome: 'blocked', blocked: { check: 'no-data', column: 'user_id', count: 1 } });
        expect(tableOf(r, 'knowledge')?.outcome).toBe('migrated');
      }
      expect(tableOf(refused, 'metrics')?.reason).toMatch(/1 row\(s\) of agno_metrics hold data in user_id/);
      expect((await versionsOf(db))[N.metrics]).toBe('3.0.0');
      expect((await shapesOf(db, N, ['metrics'])).metrics!.some((l) => l.startsWith('column user_id'))).toBe(true);

      const forced = await manager().down({ targetVersion: '2.5.6', force: true });
      expect(forced.status).toBe('ok');
      expect((await versionsOf(db))[N.metrics]).toBe('2.5.6');
      const ids = await db.rows(`SELECT ${db.quoteIdent('id')} FROM ${db.qualify(N.metrics)} ORDER BY ${db.quoteIdent('id')}`);
      expect(ids.map((r) => r['id'])).toEqual([...METRICS_KEPT].sort());
    });

    runV3ReliabilitySuite(() => db, manager);
  });
}

/** A per-user metrics row, as Agno 3.0 writes one for the newest finished day. */
function ownedMetric() {
  return {
    id: 'day-21-u1',
    agent_runs_count: 1,
    team_runs_count: 0,
    workflow_runs_count: 0,
    agent_sessions_count: 1,
    team_sessions_count: 0,
    workflow_sessions_count: 0,
    users_count: 1,
    token_metrics: '{}',
    model_metrics: '{}',
    date: '2026-08-21',
    aggregation_period: 'daily',
    created_at: 1787000100,
    updated_at: null,
    completed: true,
  };
}
