import { spawnSync } from 'node:child_process';
import { MigrationManager, resolveTableType } from '@agno-migrate/core';
import type { BenchConfig } from '../support/config.js';
import type { BenchDatabase } from '../support/databases.js';
import { benchScript } from '../support/paths.js';
import { openRaw } from '../support/raw-client.js';
import type { RawClient } from '../support/raw-client.js';
import { interleave, medians } from '../support/stats.js';
import { peerTargetOf } from '../noop/peer-target.js';
import { agnoCopy } from './agno-copy.js';
import { fillSessions, SESSIONS } from './fixture.js';
import { floorInsert } from './floor.js';
import { withIndexesDeclared } from './indexes-with-table.js';
import { runsDigest } from './rows-digest.js';

export interface RunsResult {
  readonly label: string;
  readonly sessions: number;
  readonly runs: number;
  readonly oursRunsPerSecond: number;
  readonly floorRunsPerSecond: number;
  readonly agnoRunsPerSecond: number;
  /** PostgreSQL: our copy as it ran before, every index declared with the runs table. */
  readonly previousRunsPerSecond?: number;
  readonly large: { readonly runs: number; readonly runsPerSecond: number };
  readonly rss: { readonly blobBytes: number; readonly peakRssBytes: number };
}

const OURS = 'agno_runs';
const FLOOR = 'floor_runs';
const AGNO = 'agno_copy_runs';
const PREVIOUS = 'previous_runs';
const BIG_BLOB = 20 * 1024 * 1024;

async function withRaw<T>(db: BenchDatabase, body: (raw: RawClient) => Promise<T>): Promise<T> {
  const raw = await openRaw(db.raw);
  try {
    return await body(raw);
  } finally {
    await raw.close();
  }
}

function runsStatements(db: BenchDatabase, table: string) {
  const dialect = db.dialect();
  return dialect.emitter.createTable(resolveTableType('runs').define(dialect.flavor), table, new MigrationManager(dialect).tableNames());
}

async function dropAll(db: BenchDatabase, raw: RawClient, tables: readonly string[]): Promise<void> {
  for (const t of tables) await raw.exec(`DROP TABLE IF EXISTS ${db.qualify(t)}`);
}

/** Back to before the 3.0.0 step: no runs table, sessions stamped 2.5.6. */
async function resetOurs(db: BenchDatabase, runsTable = OURS): Promise<void> {
  await withRaw(db, async (raw) => {
    await dropAll(db, raw, [runsTable]);
    const v = db.qualify('agno_schema_versions');
    await raw.exec(`DELETE FROM ${v} WHERE table_name = '${runsTable}'`);
    await raw.exec(`UPDATE ${v} SET version = '2.5.6' WHERE table_name = '${SESSIONS}'`);
  });
}

/** `up` of the sessions table, into the default runs table or, for the previous approach, into its own. */
async function runOurs(db: BenchDatabase, expected: number, previous = false): Promise<void> {
  const manager = previous
    ? new MigrationManager(withIndexesDeclared(db.dialect()), { tables: { runs: PREVIOUS } })
    : new MigrationManager(db.dialect());
  try {
    const result = await manager.up({ tableType: 'sessions' });
    const copied = result.tables[0]?.steps.flatMap((s) => s.operations).find((o) => o.report)?.report?.['copied'];
    if (result.status !== 'ok' || copied !== expected)
      throw new Error(`the runs copy copied ${String(copied)} of ${expected} runs (${result.status})`);
  } finally {
    await manager.close();
  }
}

/** Throws unless every contender left the same runs rows, field by field (updated_at aside). */
async function assertSameRuns(db: BenchDatabase, tables: readonly string[]): Promise<void> {
  const digests = await withRaw(db, async (raw) => {
    const all: string[] = [];
    for (const t of tables) all.push(await runsDigest(db, raw, t));
    return all;
  });
  const differ = tables.filter((_, i) => digests[i] !== digests[0]);
  if (differ.length > 0) {
    throw new Error(`${db.label}: the runs copies differ from ${tables[0]}: ${tables.map((t, i) => `${t} ${digests[i]}`).join('; ')}`);
  }
}

/** Part 4 on one database: the 3.0.0 runs copy beside the floor and Agno's own algorithm, its growth and memory. */
export async function benchRuns(db: BenchDatabase, config: BenchConfig, log: (line: string) => void): Promise<RunsResult> {
  const sessions = config.runsSessions;
  log(`  filling ${sessions.toLocaleString('en-US')} sessions`);
  const runs = await fillSessions(db, sessions);
  const [create, ...indexes] = runsStatements(db, FLOOR);
  log(`  ${config.runsReps} rounds over ${runs.toLocaleString('en-US')} runs`);
  const times = medians(
    await interleave(
      [
        { name: 'ours', prepare: () => resetOurs(db), run: () => runOurs(db, runs) },
        {
          name: 'floor',
          prepare: () =>
            withRaw(db, async (raw) => {
              await dropAll(db, raw, [FLOOR]);
              await raw.exec(create!.sql);
            }),
          run: () =>
            withRaw(db, async (raw) => {
              await raw.exec(floorInsert(db, FLOOR));
              for (const index of indexes) await raw.exec(index.sql);
            }),
        },
        ...(db.kind === 'postgres'
          ? [{ name: 'previous', prepare: () => resetOurs(db, PREVIOUS), run: () => runOurs(db, runs, true) }]
          : []),
        {
          name: 'agno',
          prepare: () =>
            withRaw(db, async (raw) => {
              await dropAll(db, raw, [AGNO]);
              for (const s of runsStatements(db, AGNO)) await raw.exec(s.sql);
            }),
          run: async () => {
            const written = await agnoCopy(db, AGNO);
            if (written !== runs) throw new Error(`Agno's algorithm wrote ${written} of ${runs} runs`);
          },
        },
      ],
      { reps: config.runsReps, warmup: 0 },
    ),
  );
  await assertSameRuns(db, [OURS, FLOOR, AGNO, ...(db.kind === 'postgres' ? [PREVIOUS] : [])]);

  log('  4× the sessions');
  await withRaw(db, (raw) => dropAll(db, raw, [OURS, FLOOR, AGNO, PREVIOUS, SESSIONS]));
  const largeRuns = await fillSessions(db, sessions * 4);
  const start = performance.now();
  await runOurs(db, largeRuns);
  const large = { runs: largeRuns, runsPerSecond: largeRuns / ((performance.now() - start) / 1000) };

  log('  peak memory with a 20 MB blob');
  await withRaw(db, (raw) => dropAll(db, raw, [OURS, SESSIONS]));
  const withBig = await fillSessions(db, sessions, BIG_BLOB);
  const child = spawnSync(process.execPath, [benchScript('processes/runs-rss.js'), JSON.stringify(peerTargetOf(db))], { encoding: 'utf8' });
  if (child.status !== 0)
    throw new Error(`the runs copy in a child process failed: ${(child.stderr || child.stdout).trim().slice(0, 500)}`);
  const out = JSON.parse(child.stdout.trim().split('\n').pop()!) as { copied: number; peakRssBytes: number };
  if (out.copied !== withBig) throw new Error(`the child copied ${out.copied} of ${withBig} runs`);

  const rate = (name: string) => runs / (times.get(name)! / 1000);
  return {
    label: db.label,
    sessions,
    runs,
    oursRunsPerSecond: rate('ours'),
    floorRunsPerSecond: rate('floor'),
    agnoRunsPerSecond: rate('agno'),
    ...(times.has('previous') ? { previousRunsPerSecond: rate('previous') } : {}),
    large,
    rss: { blobBytes: BIG_BLOB, peakRssBytes: out.peakRssBytes },
  };
}
