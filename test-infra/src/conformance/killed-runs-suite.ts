import { MigrationManager } from '@agno-migrate/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgno29Database } from '../fixtures/agno-2-9.js';
import { createAgno22Database } from '../fixtures/index.js';
import { DEFAULT_NAMES } from '../fixtures/table-names.js';
import type { TestDatabase, TestTarget } from '../target.js';
import { runKilledRekeyCase } from './killed-rekey-case.js';
import { describeChild, inBatches, PARALLEL, runInChild } from './processes/child-run.js';
import type { ChildRun } from './processes/child-run.js';
import { epochNow, snapshot, VERSIONS_TABLE } from './processes/snapshot.js';
import type { Snapshot } from './processes/snapshot.js';
import { AGNO_GRAPH } from './reached.js';

const VERSIONS = AGNO_GRAPH.nodes;
/** The version whose sessions step creates the runs table. */
const RUNS_TABLE_VERSION = '3.0.0';
const DATA_TABLES = Object.values(DEFAULT_NAMES);
const EMPTY: Snapshot = { tables: {}, versions: {} };

/** Where a kill point got to, and what the database looked like then and after the re-run. */
interface KillPoint {
  readonly n: number;
  readonly killed: ChildRun;
  readonly afterKill: Snapshot;
  readonly rerun: string;
  readonly afterRerun: Snapshot;
}

/** The next run, in this process, with the default lock timeout: a dead run's lock must not be what it waits for. */
async function rerun(db: TestDatabase): Promise<string> {
  const manager = new MigrationManager(db.dialect());
  try {
    return (await manager.up()).status;
  } catch (error) {
    return `threw ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    await manager.close();
  }
}

/**
 * Kills a run in a process of its own right after each statement the database completes (SIGKILL:
 * no cleanup, no rollback but the database's), then runs again: `fixture` builds the database.
 */
async function killEveryStatement(
  target: TestTarget,
  fixture: (db: TestDatabase) => Promise<unknown>,
  since: number,
  keepAfterKill: boolean,
): Promise<{ total: number; clean: Snapshot; points: KillPoint[] }> {
  const fresh = async () => {
    const db = await target.create();
    await fixture(db);
    return db;
  };
  const counting = await fresh();
  let total: number;
  let clean: Snapshot;
  try {
    const run = await runInChild(counting);
    expect(run.output?.result.status, describeChild(run)).toBe('ok');
    total = run.output!.statements;
    clean = await snapshot(counting, since);
  } finally {
    await counting.close();
  }
  const points = await inBatches(
    Array.from({ length: total }, (_, i) => i + 1),
    PARALLEL,
    async (n): Promise<KillPoint> => {
      const db = await fresh();
      try {
        const killed = await runInChild(db, { killAfter: n });
        const afterKill = keepAfterKill ? await snapshot(db, since) : EMPTY;
        const status = await rerun(db);
        return { n, killed, afterKill, rerun: status, afterRerun: await snapshot(db, since) };
      } finally {
        await db.close();
      }
    },
  );
  return { total, clean, points };
}

/**
 * A deploy killed at any point: the next run ends exactly where one clean run ends, and where steps
 * are transactional no half-done step is ever visible in between.
 */
export function runKilledRunsSuite(target: TestTarget, options: { readonly skip: boolean }): void {
  describe.skipIf(options.skip)(`${target.name}: a run killed after any statement`, () => {
    const since = epochNow();
    /** The state a clean run leaves at each version: what every table must look like at its stamp. */
    const reference = new Map<string, Snapshot>();
    let killed: Awaited<ReturnType<typeof killEveryStatement>> = { total: 0, clean: EMPTY, points: [] };
    let transactional = false;

    beforeAll(async () => {
      for (const version of VERSIONS) {
        const db = await target.create();
        try {
          transactional = db.dialect().capabilities.transactionalDdl;
          await createAgno22Database(db, DEFAULT_NAMES);
          const manager = new MigrationManager(db.dialect());
          try {
            if (version !== AGNO_GRAPH.baseline) expect((await manager.up({ targetVersion: version })).status).toBe('ok');
          } finally {
            await manager.close();
          }
          reference.set(version, await snapshot(db, since));
        } finally {
          await db.close();
        }
      }
      killed = await killEveryStatement(target, (db) => createAgno22Database(db, DEFAULT_NAMES), since, true);
    }, 600_000);

    afterAll(() => {
      killed.points.length = 0;
    });

    it('a full 2.2 → latest upgrade, run in a process of its own, has kill points and ends as a run in this one', () => {
      expect(killed.total).toBeGreaterThan(10);
      expect(killed.clean).toEqual(reference.get(AGNO_GRAPH.latest));
    });

    it('every run was killed at its statement, and the next run finished', () => {
      const { points } = killed;
      expect(points.filter((p) => p.killed.signal !== 'SIGKILL').map((p) => `#${p.n}: ${describeChild(p.killed)}`)).toEqual([]);
      expect(points.filter((p) => p.rerun !== 'ok').map((p) => `#${p.n}: ${p.rerun}`)).toEqual([]);
    });

    it('after every kill and re-run: schema, rows and versions equal a clean run’s; nothing lost or duplicated', () => {
      for (const point of killed.points) expect(point.afterRerun, `killed after statement ${point.n}`).toEqual(killed.clean);
    });

    it('no half-done step is ever visible where steps are transactional: each table is exactly its stamped version', (ctx) => {
      if (!transactional) return ctx.skip();
      for (const point of killed.points) {
        const { versions, tables } = point.afterKill;
        for (const [table, version] of Object.entries(versions)) expect(VERSIONS, `statement ${point.n}: ${table}`).toContain(version);
        for (const table of DATA_TABLES) {
          const stamped = versions[table] ?? AGNO_GRAPH.baseline;
          expect(tables[table], `killed after statement ${point.n}: ${table} stamped ${stamped}`).toEqual(
            reference.get(stamped)!.tables[table],
          );
        }
        // The versions table too is whole or absent: never created without its index.
        if (tables[VERSIONS_TABLE])
          expect(tables[VERSIONS_TABLE], `statement ${point.n}`).toEqual(reference.get(AGNO_GRAPH.latest)!.tables[VERSIONS_TABLE]);
      }
    });

    it('after every kill, a table a step creates beside its own is absent, being filled (it and its step unstamped) or whole and stamped', () => {
      for (const point of killed.points) {
        const { versions, tables } = point.afterKill;
        // A table a step creates beside its own (sessions' runs table at 3.0.0, committed before the
        // batched copy so its foreign key stops locking sessions) is absent, or still being filled
        // (unstamped, its late indexes not built yet, its step unstamped too), or whole and stamped;
        // its rows arrive batch by batch and the re-run completes them.
        const extra = Object.keys(tables).filter((t) => t !== VERSIONS_TABLE && !DATA_TABLES.includes(t));
        for (const table of extra) {
          const stamped = versions[table];
          if (stamped === undefined) {
            const sessions = versions[DEFAULT_NAMES.sessions] ?? AGNO_GRAPH.baseline;
            expect(VERSIONS.indexOf(sessions), `statement ${point.n}: ${table} unstamped beside sessions at ${sessions}`).toBeLessThan(
              VERSIONS.indexOf(RUNS_TABLE_VERSION),
            );
            continue;
          }
          expect(tables[table]!.shape, `statement ${point.n}: ${table} stamped ${stamped}`).toEqual(
            reference.get(stamped)!.tables[table]?.shape,
          );
        }
      }
    });

    // Agno 2.9 → 3.0.0: metrics' key swap and unfinished-day delete, schedules' backstop, the rebuilds.
    it('Agno 2.9 → 3.0.0 killed after any statement: the next run ends where a clean run ends, one unfinished day deleted and no other', async () => {
      const v3 = await killEveryStatement(target, (db) => createAgno29Database(db), epochNow(), false);
      // Enough kill points to cross every table's step; a dialect that fuses a table's changes sends fewer (MySQL: 9).
      expect(v3.total).toBeGreaterThan(5);
      expect(v3.points.filter((p) => p.killed.signal !== 'SIGKILL').map((p) => `#${p.n}: ${describeChild(p.killed)}`)).toEqual([]);
      expect(v3.points.filter((p) => p.rerun !== 'ok').map((p) => `#${p.n}: ${p.rerun}`)).toEqual([]);
      for (const point of v3.points) expect(point.afterRerun, `killed after statement ${point.n}`).toEqual(v3.clean);
    }, 600_000);

    runKilledRekeyCase(target);
  });
}
