import { AGNO_GRAPH, createAgno22Database, DEFAULT_NAMES } from '@agno-migrate/test-infra';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inBatches, runCli, runNode } from './support/cli-process.js';
import type { ProcessRun } from './support/cli-process.js';
import { KINDS, openSubject, skipKind } from './support/databases.js';
import type { Kind, Subject } from './support/databases.js';
import { expectNoSecret, parseJsonDocument } from './support/output-checks.js';
import { epochNow, snapshot, VERSIONS_TABLE } from './support/snapshot.js';
import type { Snapshot } from './support/snapshot.js';

const KILLER = fileURLToPath(new URL('./support/kill-after-statement.mjs', import.meta.url));
const VERSIONS = AGNO_GRAPH.nodes;
const LATEST = AGNO_GRAPH.latest;
const DATA_TABLES = Object.values(DEFAULT_NAMES);
/** Kill points run side by side, each on its own database; more would only queue on two cores. */
const PARALLEL = 4;

/** Where a kill point got to, and what the database looked like then and after the re-run. */
interface KillPoint {
  readonly n: number;
  readonly killed: ProcessRun;
  readonly afterKill: Snapshot;
  readonly afterRerun: Snapshot;
  readonly rerun: ProcessRun;
}

const EMPTY: Snapshot = { tables: {}, versions: {} };
const describeRun = (run: ProcessRun) => `exit ${run.code ?? run.signal}: ${run.stderr.trim() || run.stdout.trim().slice(0, 300)}`;

async function fixture(kind: Kind): Promise<Subject> {
  const subject = await openSubject(kind);
  await createAgno22Database(subject.db, DEFAULT_NAMES);
  return subject;
}

function killArgs(subject: Subject, n: number): string[] {
  return [subject.kind, subject.childLocation(), subject.schema ?? '-', String(n)];
}

for (const kind of KINDS) {
  const skip = await skipKind(kind);
  const transactional = kind !== 'mysql';

  describe.skipIf(skip)(`${kind}: a run killed after any statement`, () => {
    const since = epochNow();
    /** The state a clean run leaves at each version: what every table must look like at its stamp. */
    const reference = new Map<string, Snapshot>();
    const points: KillPoint[] = [];
    let total = 0;

    beforeAll(async () => {
      for (const version of VERSIONS) {
        const subject = await fixture(kind);
        try {
          if (version !== '2.0.0') {
            const run = await runCli(['up', '--target', version, ...subject.args()]);
            expect(run.code, run.stderr).toBe(0);
          }
          reference.set(version, await snapshot(subject.db, since));
        } finally {
          await subject.close();
        }
      }

      const counting = await fixture(kind);
      try {
        const run = await runNode(KILLER, killArgs(counting, Number.MAX_SAFE_INTEGER));
        expect(run.code, run.stderr).toBe(0);
        total = JSON.parse(run.stdout).statements;
        expect(await snapshot(counting.db, since)).toEqual(reference.get(LATEST));
      } finally {
        await counting.close();
      }

      const kills = Array.from({ length: total }, (_, i) => i + 1);
      points.push(
        ...(await inBatches(kills, PARALLEL, async (n) => {
          const subject = await fixture(kind);
          try {
            const killed = await runNode(KILLER, killArgs(subject, n));
            // Only where steps are transactional is the state between kill and re-run asserted on.
            const afterKill = transactional ? await snapshot(subject.db, since) : EMPTY;
            // The default lock timeout: a lock left by the killed process must not be what it waits for.
            const rerun = await runCli(['up', '--json', ...subject.args()]);
            if (subject.secret) expectNoSecret(rerun, subject.secret);
            return { n, killed, afterKill, afterRerun: await snapshot(subject.db, since), rerun };
          } finally {
            await subject.close();
          }
        })),
      );
    }, 600_000);

    afterAll(() => {
      points.length = 0;
    });

    it('a full 2.2 → latest upgrade has kill points to test', () => {
      expect(total).toBeGreaterThan(10);
      expect(points.map((p) => p.n)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    });

    it('every run was killed at its statement', () => {
      expect(points.filter((p) => p.killed.signal !== 'SIGKILL').map((p) => `#${p.n}: ${describeRun(p.killed)}`)).toEqual([]);
    });

    it('after every kill, `up` again exits 0 without waiting on the dead run’s lock', () => {
      const status = (run: ProcessRun) => {
        try {
          return parseJsonDocument(run).status;
        } catch {
          return undefined;
        }
      };
      const failed = points.filter((p) => p.rerun.code !== 0 || status(p.rerun) !== 'ok');
      expect(failed.map((p) => `#${p.n}: ${describeRun(p.rerun)}`)).toEqual([]);
    });

    it('after every kill and re-run: schema, rows and versions equal a clean run’s; nothing lost or duplicated', () => {
      const clean = reference.get(LATEST)!;
      for (const point of points) expect(point.afterRerun, `killed after statement ${point.n}`).toEqual(clean);
    });

    it.skipIf(!transactional)('no half-done step is ever visible: each table is exactly its stamped version', () => {
      for (const point of points) {
        const { versions, tables } = point.afterKill;
        for (const [table, version] of Object.entries(versions)) {
          expect(VERSIONS, `statement ${point.n}: ${table}`).toContain(version);
        }
        for (const table of DATA_TABLES) {
          const stamped = versions[table] ?? '2.0.0';
          expect(tables[table], `killed after statement ${point.n}: ${table} stamped ${stamped}`).toEqual(
            reference.get(stamped)!.tables[table],
          );
        }
        // The versions table too is whole or absent: never created without its index.
        if (tables[VERSIONS_TABLE])
          expect(tables[VERSIONS_TABLE], `statement ${point.n}`).toEqual(reference.get(LATEST)!.tables[VERSIONS_TABLE]);
        // A table a step creates beside its own (sessions' runs table at 3.0.0, committed before the
        // batched copy so its foreign key stops locking sessions) is whole and stamped, or absent;
        // its rows arrive batch by batch and the re-run completes them.
        const extra = Object.keys(tables).filter((t) => t !== VERSIONS_TABLE && !DATA_TABLES.includes(t));
        for (const table of extra) {
          const stamped = versions[table];
          expect(stamped, `statement ${point.n}: ${table} exists unstamped`).toBeDefined();
          expect(tables[table]!.shape, `statement ${point.n}: ${table}`).toEqual(reference.get(stamped!)!.tables[table]?.shape);
        }
      }
    });
  });
}
