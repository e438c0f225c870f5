/** What a bench run measures and how hard; every knob is an environment variable. */
export interface BenchConfig {
  /** Rows in each of memories and sessions for the upgrade (part 2). */
  readonly upgradeRows: number;
  readonly upgradeReps: number;
  /** v1 session rows for part 3's throughput. */
  readonly v1Rows: number;
  /** The memory check runs this many v1 rows and 4× this: past the heap's start-up growth, so a rise means data piling up. */
  readonly v1MemoryRows: number;
  readonly v1Reps: number;
  /** Sessions (1–10 runs each) for part 4, the runs copy; its growth check runs 4× as many. */
  readonly runsSessions: number;
  readonly runsReps: number;
  readonly processReps: number;
  readonly inProcessReps: number;
  /** Renamed table sets in the database for the query-count check. */
  readonly tableSets: number;
  readonly parts: ReadonlySet<Part>;
  readonly databases: ReadonlySet<DatabaseKind>;
  readonly reportPath: string;
}

export type Part = 'noop' | 'upgrade' | 'v1' | 'runs';
export type DatabaseKind = 'sqlite' | 'postgres' | 'mysql';

const PARTS: readonly Part[] = ['noop', 'upgrade', 'v1', 'runs'];
const DATABASES: readonly DatabaseKind[] = ['sqlite', 'postgres', 'mysql'];

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw.replaceAll('_', ''));
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, not ${JSON.stringify(raw)}`);
  return value;
}

function subset<T extends string>(name: string, all: readonly T[]): ReadonlySet<T> {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return new Set(all);
  const picked = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const p of picked) {
    if (!all.includes(p as T)) throw new Error(`${name}: unknown value ${JSON.stringify(p)} (expected ${all.join(', ')})`);
  }
  return new Set(picked as T[]);
}

export function readConfig(defaultReportPath: string): BenchConfig {
  return {
    upgradeRows: positiveInt('AGNO_BENCH_ROWS', 20_000),
    upgradeReps: positiveInt('AGNO_BENCH_UPGRADE_REPS', 5),
    v1Rows: positiveInt('AGNO_BENCH_V1_ROWS', 5_000),
    v1MemoryRows: positiveInt('AGNO_BENCH_V1_MEMORY_ROWS', 20_000),
    v1Reps: positiveInt('AGNO_BENCH_V1_REPS', 3),
    runsSessions: positiveInt('AGNO_BENCH_RUNS_SESSIONS', 2_000),
    runsReps: positiveInt('AGNO_BENCH_RUNS_REPS', 3),
    processReps: positiveInt('AGNO_BENCH_PROCESS_REPS', 15),
    inProcessReps: positiveInt('AGNO_BENCH_NOOP_REPS', 40),
    tableSets: positiveInt('AGNO_BENCH_TABLE_SETS', 70),
    parts: subset('AGNO_BENCH_PARTS', PARTS),
    databases: subset('AGNO_BENCH_DATABASES', DATABASES),
    reportPath: process.env['AGNO_BENCH_REPORT'] || defaultReportPath,
  };
}
