import { spawnSync } from 'node:child_process';
import type { BenchConfig } from '../support/config.js';
import type { BenchDatabase } from '../support/databases.js';
import { benchScript } from '../support/paths.js';
import { openRaw } from '../support/raw-client.js';
import { interleave, medians } from '../support/stats.js';
import { peerTargetOf } from '../noop/peer-target.js';
import { COPY_TABLE, createV1Table, fillV1, templateBytes, V1_TABLE } from './fixture.js';
import { keysetCopy } from './keyset-copy.js';
import type { MigrationCount } from './run-migration.js';
import { BATCH_SIZE, resetTargets, runV1ToV2, V2_SESSIONS } from './run-migration.js';

export interface MemoryPoint {
  readonly rows: number;
  readonly peakRssBytes: number;
  readonly rowsPerSecond: number;
}

export interface V1Result {
  readonly label: string;
  readonly rows: number;
  readonly rowBytes: number;
  readonly oursRowsPerSecond: number;
  readonly copyRowsPerSecond: number;
  /** v1 rows that did not arrive in agno_sessions, over every timed and checked run. */
  readonly lost: number;
  readonly memory: readonly MemoryPoint[];
}

async function fill(db: BenchDatabase, table: string, rows: number): Promise<void> {
  const raw = await openRaw(db.raw);
  try {
    for (const sql of createV1Table(db, table)) await raw.exec(sql);
    if (db.kind === 'mysql')
      await raw
        .exec('SET SESSION max_recursive_iterations = 4294967295')
        .catch(() => raw.exec('SET SESSION cte_max_recursion_depth = 4294967295'));
    const { sql, params } = fillV1(db, table);
    await raw.exec(sql, params(rows));
    if (db.kind === 'postgres') await raw.exec(`VACUUM ANALYZE ${db.qualify(table)}`);
  } finally {
    await raw.close();
  }
}

async function withRaw<T>(db: BenchDatabase, body: (raw: Awaited<ReturnType<typeof openRaw>>) => Promise<T>): Promise<T> {
  const raw = await openRaw(db.raw);
  try {
    return await body(raw);
  } finally {
    await raw.close();
  }
}

async function countRows(db: BenchDatabase, table: string): Promise<number> {
  return withRaw(db, async (raw) =>
    Number(Object.values((await raw.rows(`SELECT COUNT(*) AS n FROM ${db.qualify(table)}`))[0] ?? {})[0] ?? 0),
  );
}

function missing(expected: number, counts: MigrationCount): number {
  return Math.max(0, expected - counts.written) + counts.skipped;
}

function measureMemory(db: BenchDatabase, table: string, rows: number): MemoryPoint {
  const child = spawnSync(process.execPath, [benchScript('processes/v1-rss.js'), JSON.stringify(peerTargetOf(db)), table], {
    encoding: 'utf8',
  });
  if (child.status !== 0) throw new Error(`v1-to-v2 in a child process failed: ${(child.stderr || child.stdout).trim().slice(0, 500)}`);
  const out = JSON.parse(child.stdout.trim().split('\n').pop()!) as MigrationCount & { seconds: number; peakRssBytes: number };
  if (out.written !== rows || out.skipped !== 0) throw new Error(`v1-to-v2 wrote ${out.written} of ${rows} rows (${out.skipped} skipped)`);
  return { rows, peakRssBytes: out.peakRssBytes, rowsPerSecond: rows / out.seconds };
}

/** Part 3 on one database: v1 → v2 throughput beside a plain keyset copy, and peak memory at two sizes. */
export async function benchV1(db: BenchDatabase, config: BenchConfig, log: (line: string) => void): Promise<V1Result> {
  const rows = config.v1Rows;
  log(`  filling ${rows.toLocaleString('en-US')} v1 sessions`);
  await fill(db, V1_TABLE, rows);
  let lost = 0;
  log(`  ${config.v1Reps} rounds`);
  const times = medians(
    await interleave(
      [
        {
          name: 'ours',
          prepare: () => withRaw(db, (raw) => resetTargets(raw, (t) => db.qualify(t))),
          run: async () => {
            lost += missing(rows, await runV1ToV2(db.dialect(), V1_TABLE));
          },
        },
        {
          name: 'copy',
          prepare: () =>
            withRaw(db, async (raw) => {
              for (const sql of createV1Table(db, COPY_TABLE)) await raw.exec(sql);
            }),
          run: async () => {
            const copied = await keysetCopy(db, V1_TABLE, COPY_TABLE, BATCH_SIZE);
            if (copied !== rows) throw new Error(`the keyset copy moved ${copied} of ${rows} rows`);
          },
        },
      ],
      // Runs are long enough that one more as warm-up would only cost time.
      { reps: config.v1Reps, warmup: 0 },
    ),
  );
  // The rows are really there, not only counted: one more run, then count the target table.
  await withRaw(db, (raw) => resetTargets(raw, (t) => db.qualify(t)));
  lost += missing(rows, await runV1ToV2(db.dialect(), V1_TABLE));
  lost += Math.max(0, rows - (await countRows(db, V2_SESSIONS)));

  log('  peak memory at two sizes');
  const memory: MemoryPoint[] = [];
  const small = `${V1_TABLE}_1x`;
  const large = `${V1_TABLE}_4x`;
  await fill(db, small, config.v1MemoryRows);
  await withRaw(db, (raw) => resetTargets(raw, (t) => db.qualify(t)));
  memory.push(measureMemory(db, small, config.v1MemoryRows));
  await fill(db, large, config.v1MemoryRows * 4);
  await withRaw(db, (raw) => resetTargets(raw, (t) => db.qualify(t)));
  memory.push(measureMemory(db, large, config.v1MemoryRows * 4));

  return {
    label: db.label,
    rows,
    rowBytes: templateBytes(),
    oursRowsPerSecond: rows / (times.get('ours')! / 1000),
    copyRowsPerSecond: rows / (times.get('copy')! / 1000),
    lost,
    memory,
  };
}
