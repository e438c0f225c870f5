import { availableOn, resolveTableType } from '@agno-migrate/core';
import type { ManagerOptions, MigrationManager } from '@agno-migrate/core';
import { expect, it } from 'vitest';
import { agno29TypesOn, createAgno29Database } from '../fixtures/agno-2-9.js';
import { AGNO_29_NAMES } from '../fixtures/agno-2-9-names.js';
import type { TestDatabase, TestTarget } from '../target.js';
import { managerFor, rowsOf, shapesOf, tableOf, versionsOf } from './v3-support.js';

const N = AGNO_29_NAMES;

/** Stops the run right after the database completed its n-th statement, as a kill there would. */
class Killed extends Error {}

/**
 * The 3.0.0 step where data or the run goes wrong: duplicate schedule names and tables Agno would
 * stamp unmigrated are blocked and left as they were; a run stopped after any statement, or two
 * runs at once, end exactly where one clean run ends.
 */
export function runV3ReliabilitySuite(
  target: TestTarget,
  current: () => TestDatabase,
  manager: (opts?: ManagerOptions) => MigrationManager,
): void {
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

  // A synchronous driver cannot wait for a lock held in its own process: racing processes are the CLI's reliability suite.
  it('two runs at once migrate once: the second finds nothing to do', async (ctx) => {
    const db = current();
    if (db.dialect().capabilities.synchronous) return ctx.skip();
    await createAgno29Database(db);
    const types = agno29TypesOn(db);
    const [a, b] = await Promise.all([manager().up(), manager().up()]);
    const migrated = [a, b].map((r) => types.filter((t) => tableOf(r, t)?.outcome === 'migrated').length);
    expect(migrated.sort()).toEqual([0, types.length]);
    const [kept] = await db.rows(`SELECT COUNT(*) AS n FROM ${db.qualify(N.metrics)}`);
    expect(Number(kept?.['n'])).toBe(3);
  });

  it('a run stopped after any statement of the step converges on the next run', async () => {
    const clean = await target.create();
    const opened: MigrationManager[] = [];
    let total = 0;
    let reference: unknown;
    try {
      await createAgno29Database(clean);
      await managerFor(clean, opened, {
        onEvent: (e) => {
          if (e.type === 'statement-done') total += 1;
        },
      }).up();
      const types = agno29TypesOn(clean);
      reference = { shapes: await shapesOf(clean, N, types), rows: await rowsOf(clean, N, types), versions: await versionsOf(clean) };
    } finally {
      for (const m of opened.splice(0)) await m.close();
      await clean.close();
    }
    expect(total).toBeGreaterThan(10);
    for (let n = 1; n <= total; n += 1) {
      const db = await target.create();
      try {
        await createAgno29Database(db);
        let done = 0;
        const killed = managerFor(db, opened, {
          onEvent: (e) => {
            if (e.type === 'statement-done' && ++done === n) throw new Killed(`stopped after statement ${n}`);
          },
        });
        await killed.up().catch((error: unknown) => error);
        const rerun = await managerFor(db, opened).up();
        expect(rerun.status, `after statement ${n}`).toBe('ok');
        const types = agno29TypesOn(db);
        expect(
          { shapes: await shapesOf(db, N, types), rows: await rowsOf(db, N, types), versions: await versionsOf(db) },
          `after statement ${n}`,
        ).toEqual(reference);
      } finally {
        for (const m of opened.splice(0)) await m.close();
        await db.close();
      }
    }
  }, 600_000);
}
