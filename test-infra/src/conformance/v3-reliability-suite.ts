import { availableOn, resolveTableType } from '@agno-migrate/core';
import type { ManagerOptions, MigrationManager } from '@agno-migrate/core';
import { expect, it } from 'vitest';
import { agno29TypesOn, createAgno29Database } from '../fixtures/agno-2-9.js';
import { AGNO_29_NAMES } from '../fixtures/agno-2-9-names.js';
import type { TestDatabase } from '../target.js';
import { describeChild, runInChild } from './processes/child-run.js';
import { shapesOf, tableOf, V3_NOW, versionsOf } from './v3-support.js';

const N = AGNO_29_NAMES;

/**
 * The 3.0.0 step where data or the run goes wrong: duplicate schedule names and tables Agno would
 * stamp unmigrated are blocked and left as they were; two runs at once migrate once. (A run killed
 * after any statement of the step is the killed-runs suite's.)
 */
export function runV3ReliabilitySuite(current: () => TestDatabase, manager: (opts?: ManagerOptions) => MigrationManager): void {
  it('blocks schedules whose names repeat within an owner bucket, changing nothing there; the fix SQL shown lets it finish', async (ctx) => {
    const db = current();
    if (!availableOn(resolveTableType('schedules'), db.flavor)) return ctx.skip();
    await createAgno29Database(db, { duplicateSchedule: true });
    const before = await shapesOf(db, N, ['schedules']);
    const blocked = await manager().up();
    expect(blocked.status).toBe('blocked');
    const schedules = tableOf(blocked, 'schedules')!;
    expect(schedules).toMatchObject({
      outcome: 'blocked',
      to: '2.5.6',
      blocked: { check: 'unique-schedule-names', column: 'name', count: 1 },
    });
    expect(schedules.blocked?.examples).toEqual([{ user_id: null, name: 'nightly report', count: 2 }]);
    expect(schedules.reason).toContain('"nightly report"');
    expect((await versionsOf(db))[N.schedules]).toBe('2.5.6');
    expect(await shapesOf(db, N, ['schedules'])).toEqual(before);
    expect(tableOf(blocked, 'metrics')?.outcome).toBe('migrated');

    await db.exec(schedules.blocked!.fixSql);
    const fixed = await manager().up();
    expect(fixed.status).toBe('ok');
    const names = await db.rows(`SELECT ${db.quoteIdent('name')} FROM ${db.qualify(N.schedules)} ORDER BY ${db.quoteIdent('id')}`);
    expect(names.map((r) => r['name'])).toEqual(['nightly report', 'weekly digest', 'nightly report (sch-3)']);
    expect((await versionsOf(db))[N.schedules]).toBe('3.0.0');
  });

  it('blocks a metrics table whose 3.0 key name the database would reject, and migrates the rest', async () => {
    const db = current();
    const names = { ...N, metrics: 'm'.repeat(37) };
    await createAgno29Database(db, { names });
    const dialect = db.dialect();
    const keyed = resolveTableType('metrics').define(db.flavor).uniqueConstraints.length > 0;
    const suffix = '_uq_metrics_user_date_period'.length;
    const tooLong = keyed && 37 + suffix > dialect.capabilities.maxIdentifierBytes;
    const result = await manager({ tables: { metrics: names.metrics } }).up();
    const metrics = tableOf(result, 'metrics')!;
    if (tooLong) {
      expect(metrics).toMatchObject({ outcome: 'blocked', to: '2.5.6', blocked: { check: 'name-length' } });
      expect(metrics.reason).toContain(`rename ${names.metrics} to at most ${dialect.capabilities.maxIdentifierBytes - suffix} bytes`);
      expect((await versionsOf(db))[names.metrics]).toBe('2.5.6');
    } else {
      expect(metrics.outcome).toBe('migrated');
    }
    expect(tableOf(result, 'evals')?.outcome).toBe('migrated');
  });

  it('where metrics is rebuilt, a table not shaped like metrics is blocked and left as it is', async (ctx) => {
    const db = current();
    if (db.dialect().capabilities.alterUniqueKeys) return ctx.skip();
    await createAgno29Database(db);
    await db.exec(`ALTER TABLE ${db.qualify(N.metrics)} ADD COLUMN ${db.quoteIdent('note')} VARCHAR`);
    const before = await shapesOf(db, N, ['metrics']);
    const result = await manager().up();
    expect(tableOf(result, 'metrics')).toMatchObject({ outcome: 'blocked', blocked: { check: 'table-shape', column: 'note' } });
    expect(tableOf(result, 'metrics')?.reason).toMatch(/not shaped like a metrics table/);
    expect(await shapesOf(db, N, ['metrics'])).toEqual(before);
    expect((await versionsOf(db))[N.metrics]).toBe('2.5.6');
  });

  // Each run a process of its own: a waiting SQLite writer blocks its whole thread.
  it('two runs at once migrate once: the second finds nothing to do', async () => {
    const db = current();
    await createAgno29Database(db);
    const types = agno29TypesOn(db);
    const race = () => runInChild(db, { manager: { now: V3_NOW.toISOString() } });
    const runs = await Promise.all([race(), race()]);
    expect(runs.map((r) => r.output?.result.status ?? describeChild(r))).toEqual(['ok', 'ok']);
    const migrated = runs.map((r) => types.filter((t) => tableOf(r.output!.result, t)?.outcome === 'migrated').length);
    expect(migrated.sort()).toEqual([0, types.length]);
    const [kept] = await db.rows(`SELECT COUNT(*) AS n FROM ${db.qualify(N.metrics)}`);
    expect(Number(kept?.['n'])).toBe(3);
  }, 120_000);
}
