import { createLearningsTable, insertLearnings, LEARNINGS_TABLE, learningsSnapshot } from '@agno-migrate/test-infra';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { inBatches, runNode } from './support/cli-process.js';
import { openSubject, skipKind } from './support/databases.js';
import type { Kind, Subject } from './support/databases.js';

const KILLER = fileURLToPath(new URL('./support/kill-after-statement.mjs', import.meta.url));
const PARALLEL = 4;

type Rows = Awaited<ReturnType<typeof learningsSnapshot>>;

/** Timestamps of re-keyed rows are the run's clock: compare everything else. */
const withoutClock = (rows: Rows) =>
  Object.fromEntries(
    Object.entries(rows).map(([id, row]) => [
      id,
      { ...row, created_at: row['created_at'] === 100 ? 100 : 'run', updated_at: row['updated_at'] === 200 ? 200 : 'run' },
    ]),
  );

async function fixture(kind: Kind): Promise<Subject> {
  const subject = await openSubject(kind);
  await createLearningsTable(subject.db);
  await insertLearnings(subject.db);
  return subject;
}

const versionOf = async (subject: Subject) => {
  const rows = await subject.db
    .rows(
      `SELECT ${subject.db.quoteIdent('version')} FROM ${subject.db.qualify('agno_schema_versions')} WHERE ${subject.db.quoteIdent('table_name')} = ?`,
      [LEARNINGS_TABLE],
    )
    .catch(() => []);
  return rows[0]?.['version'] ?? null;
};

// The learnings re-key runs in the step's transaction on both dialects that store learnings.
for (const kind of ['sqlite', 'postgres'] as const) {
  const skip = await skipKind(kind);

  describe.skipIf(skip)(`${kind}: the learnings re-key killed after any statement`, () => {
    it('leaves every row where it was or where a clean run puts it; a re-run ends where a clean run does, nothing lost or doubled', async () => {
      const counting = await fixture(kind);
      let before: Rows;
      let clean: Rows;
      let total: number;
      try {
        before = await learningsSnapshot(counting.db);
        const run = await runNode(KILLER, [kind, counting.childLocation(), counting.schema ?? '-', String(Number.MAX_SAFE_INTEGER)]);
        expect(run.code, run.stderr).toBe(0);
        total = JSON.parse(run.stdout).statements;
        clean = await learningsSnapshot(counting.db);
        expect(Object.keys(clean)).not.toEqual(Object.keys(before));
      } finally {
        await counting.close();
      }
      expect(total).toBeGreaterThan(10);

      const failures = await inBatches(
        Array.from({ length: total }, (_, i) => i + 1),
        PARALLEL,
        async (n) => {
          const subject = await fixture(kind);
          try {
            const killed = await runNode(KILLER, [kind, subject.childLocation(), subject.schema ?? '-', String(n)]);
            if (killed.signal !== 'SIGKILL') return `#${n}: not killed (${killed.code}): ${killed.stderr}`;
            const stamped = await versionOf(subject);
            const afterKill = withoutClock(await learningsSnapshot(subject.db));
            const expected = withoutClock(stamped === '3.0.0' ? clean : before);
            if (JSON.stringify(afterKill) !== JSON.stringify(expected)) return `#${n}: half-done state at stamp ${String(stamped)}`;
            const rerun = await runNode(KILLER, [kind, subject.childLocation(), subject.schema ?? '-', String(Number.MAX_SAFE_INTEGER)]);
            if (rerun.code !== 0) return `#${n}: re-run failed: ${rerun.stderr}`;
            if (JSON.stringify(withoutClock(await learningsSnapshot(subject.db))) !== JSON.stringify(withoutClock(clean)))
              return `#${n}: re-run differs from a clean run`;
            if ((await versionOf(subject)) !== '3.0.0') return `#${n}: not stamped after the re-run`;
            return null;
          } finally {
            await subject.close();
          }
        },
      );
      expect(failures.filter((f) => f !== null)).toEqual([]);
    }, 600_000);
  });
}
