import { createAgno29Database } from '@agno-migrate/test-infra';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { inBatches, runCli, runNode } from './support/cli-process.js';
import type { ProcessRun } from './support/cli-process.js';
import { KINDS, openSubject, skipKind } from './support/databases.js';
import type { Kind, Subject } from './support/databases.js';
import { epochNow, snapshot } from './support/snapshot.js';
import type { Snapshot } from './support/snapshot.js';

const KILLER = fileURLToPath(new URL('./support/kill-after-statement.mjs', import.meta.url));
const PARALLEL = 4;

async function fixture(kind: Kind): Promise<Subject> {
  const subject = await openSubject(kind);
  await createAgno29Database(subject.db);
  return subject;
}

const killArgs = (subject: Subject, n: number) => [subject.kind, subject.childLocation(), subject.schema ?? '-', String(n)];

/**
 * Agno 2.9 → 3.0.0 with the process SIGKILLed right after each statement the database completed
 * (metrics' key swap and unfinished-day delete, schedules' backstop, the SQLite rebuild): the next
 * `up` ends exactly where one clean run ends.
 */
for (const kind of KINDS) {
  const skip = await skipKind(kind);

  describe.skipIf(skip)(`${kind}: Agno 2.9 → 3.0.0 killed after any statement`, () => {
    const since = epochNow();
    let clean: Snapshot;
    let total = 0;
    const reruns: { n: number; killed: ProcessRun; rerun: ProcessRun; after: Snapshot }[] = [];

    beforeAll(async () => {
      const counting = await fixture(kind);
      try {
        const run = await runNode(KILLER, killArgs(counting, Number.MAX_SAFE_INTEGER));
        expect(run.code, run.stderr).toBe(0);
        total = JSON.parse(run.stdout).statements;
        clean = await snapshot(counting.db, since);
      } finally {
        await counting.close();
      }
      reruns.push(
        ...(await inBatches(
          Array.from({ length: total }, (_, i) => i + 1),
          PARALLEL,
          async (n) => {
            const subject = await fixture(kind);
            try {
              const killed = await runNode(KILLER, killArgs(subject, n));
              const rerun = await runCli(['up', '--json', ...subject.args()]);
              return { n, killed, rerun, after: await snapshot(subject.db, since) };
            } finally {
              await subject.close();
            }
          },
        )),
      );
    }, 900_000);

    it('every run was killed at its statement, and the next up finished', () => {
      expect(total).toBeGreaterThan(10);
      expect(reruns.filter((r) => r.killed.signal !== 'SIGKILL').map((r) => r.n)).toEqual([]);
      expect(
        reruns.filter((r) => r.rerun.code !== 0).map((r) => `#${r.n}: ${r.rerun.stderr.trim() || r.rerun.stdout.slice(0, 300)}`),
      ).toEqual([]);
    });

    it('after every kill and re-run: shapes, rows (one unfinished day deleted, no other) and versions equal a clean run’s', () => {
      for (const r of reruns) expect(r.after, `killed after statement ${r.n}`).toEqual(clean);
    });
  });
}
