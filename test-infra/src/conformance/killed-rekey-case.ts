import { availableOn, resolveTableType } from '@agno-migrate/core';
import { expect, it } from 'vitest';
import { createLearningsTable, insertLearnings, LEARNINGS_TABLE, learningsSnapshot } from '../fixtures/learnings.js';
import type { TestDatabase, TestTarget } from '../target.js';
import { describeChild, inBatches, PARALLEL, runInChild } from './processes/child-run.js';

type Rows = Awaited<ReturnType<typeof learningsSnapshot>>;

/** Timestamps of re-keyed rows are the run's clock: compare everything else. */
const withoutClock = (rows: Rows) =>
  JSON.stringify(
    Object.fromEntries(
      Object.entries(rows).map(([id, row]) => [
        id,
        { ...row, created_at: row['created_at'] === 100 ? 100 : 'run', updated_at: row['updated_at'] === 200 ? 200 : 'run' },
      ]),
    ),
  );

async function fixture(target: TestTarget): Promise<TestDatabase> {
  const db = await target.create();
  await createLearningsTable(db);
  await insertLearnings(db);
  return db;
}

async function versionOf(db: TestDatabase): Promise<unknown> {
  const q = (name: string) => db.quoteIdent(name);
  const rows = await db
    .rows(`SELECT ${q('version')} FROM ${db.qualify('agno_schema_versions')} WHERE ${q('table_name')} = ?`, [LEARNINGS_TABLE])
    .catch(() => []);
  return rows[0]?.['version'] ?? null;
}

/** Agno 3.0's learnings re-key, where Agno keeps learnings, killed after any statement of its transaction. */
export function runKilledRekeyCase(target: TestTarget): void {
  it('the learnings re-key killed after any statement leaves every row where it was or where a clean run puts it; the next run ends where a clean run does', async (ctx) => {
    const probe = await target.create();
    const here = availableOn(resolveTableType('learnings'), probe.flavor);
    await probe.close();
    if (!here) return ctx.skip();

    const counting = await fixture(target);
    let before: Rows;
    let clean: Rows;
    let total: number;
    try {
      before = await learningsSnapshot(counting);
      const run = await runInChild(counting);
      expect(run.output?.result.status, describeChild(run)).toBe('ok');
      total = run.output!.statements;
      clean = await learningsSnapshot(counting);
      expect(Object.keys(clean)).not.toEqual(Object.keys(before));
    } finally {
      await counting.close();
    }
    expect(total).toBeGreaterThan(10);

    const failures = await inBatches(
      Array.from({ length: total }, (_, i) => i + 1),
      PARALLEL,
      async (n) => {
        const db = await fixture(target);
        try {
          const killed = await runInChild(db, { killAfter: n });
          if (killed.signal !== 'SIGKILL') return `#${n}: not killed: ${describeChild(killed)}`;
          const stamped = await versionOf(db);
          if (withoutClock(await learningsSnapshot(db)) !== withoutClock(stamped === '3.0.0' ? clean : before))
            return `#${n}: half-done state at stamp ${String(stamped)}`;
          const rerun = await runInChild(db);
          if (rerun.output?.result.status !== 'ok') return `#${n}: re-run failed: ${describeChild(rerun)}`;
          if (withoutClock(await learningsSnapshot(db)) !== withoutClock(clean)) return `#${n}: re-run differs from a clean run`;
          if ((await versionOf(db)) !== '3.0.0') return `#${n}: not stamped after the re-run`;
          return null;
        } finally {
          await db.close();
        }
      },
    );
    expect(failures.filter((f) => f !== null)).toEqual([]);
  }, 600_000);
}
