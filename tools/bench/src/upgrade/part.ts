import { MigrationManager, VERSIONS_TABLE } from '@agno-migrate/core';
import type { Dialect, MigrationEvent } from '@agno-migrate/core';
import type { BenchConfig } from '../support/config.js';
import type { BenchDatabase } from '../support/databases.js';
import { countQueries } from '../support/query-counter.js';
import { openRaw } from '../support/raw-client.js';
import type { RawClient } from '../support/raw-client.js';
import { interleave, medians } from '../support/stats.js';
import { cheapestStatements, RUNS } from './cheapest-sql.js';
import { createStatements, dropStatements, fillStatements, MEMORIES, RECURSION_LIMITS, SESSIONS } from './fixture.js';
import type { FinalState } from './final-state.js';
import { assertSameFinalState, readFinalState } from './final-state.js';
import { oneOperationAtATime } from './one-operation-at-a-time.js';

export interface UpgradeResult {
  readonly label: string;
  readonly rows: number;
  readonly ours: number;
  /** Agno's own statement sequence: the statements `up()` sends one operation at a time, replayed on a plain connection. */
  readonly agnoSequence: number;
  /** The cheapest hand-written SQL for the same change (cheapest-sql.ts). */
  readonly cheapest: number;
  /** The statements of Agno's sequence, every query our run sent, the floor's statements. */
  readonly statements: number;
  readonly cheapestStatements: number;
  readonly oursQueries: number;
  readonly reps: number;
}

interface Captured {
  readonly sql: string;
  readonly params: readonly unknown[];
}

async function raiseRecursionLimit(raw: RawClient): Promise<void> {
  for (const sql of RECURSION_LIMITS) {
    try {
      await raw.exec(sql);
      return;
    } catch {
      // the other server's name for it
    }
  }
}

/** A fresh 2.0.0-era copy: dropped, re-created and filled server-side (untimed). */
async function freshCopy(db: BenchDatabase, rows: number): Promise<void> {
  const raw = await openRaw(db.raw);
  try {
    await raw.exec(`DROP TABLE IF EXISTS ${db.qualify(RUNS)}`);
    for (const sql of [...dropStatements(db, VERSIONS_TABLE.defaultName), ...createStatements(db)]) await raw.exec(sql);
    if (db.kind === 'mysql') await raiseRecursionLimit(raw);
    for (const sql of fillStatements(db)) await raw.exec(sql, [rows]);
    // Settled tables, as a long-lived database has them: hint bits set and statistics known.
    if (db.kind === 'postgres') await raw.exec(`VACUUM ANALYZE ${db.qualify(MEMORIES)}, ${db.qualify(SESSIONS)}`);
  } finally {
    await raw.close();
  }
}

async function upWithTheTool(db: BenchDatabase, capture?: Captured[], dialect: Dialect = db.dialect()): Promise<void> {
  const onEvent = (event: MigrationEvent) => {
    if (capture && event.type === 'statement' && !event.dryRun) capture.push({ sql: event.statement.sql, params: event.statement.params });
  };
  const manager = new MigrationManager(dialect, { onEvent });
  try {
    const result = await manager.up();
    for (const table of [MEMORIES, SESSIONS]) {
      const outcome = result.tables.find((t) => t.tableName === table)?.outcome;
      if (outcome !== 'migrated') throw new Error(`${db.label}: ${table} was ${outcome}, not migrated`);
    }
  } finally {
    await manager.close();
  }
}

/**
 * Statements on one plain connection. On SQLite the tool's run is one transaction (its lock) around
 * per-step savepoints, so the replayed sequence runs inside one transaction too (`wrap`): one commit,
 * not one per step. The floor carries its own BEGIN and COMMIT where it has any.
 */
async function byHand(db: BenchDatabase, statements: readonly Captured[], wrap: boolean): Promise<void> {
  const raw = await openRaw(db.raw);
  try {
    if (wrap) await raw.exec('BEGIN');
    for (const s of statements) await raw.exec(s.sql, s.params);
    if (wrap) await raw.exec('COMMIT');
  } finally {
    await raw.close();
  }
}

const agnoSequence = (db: BenchDatabase, statements: readonly Captured[]) => byHand(db, statements, db.kind === 'sqlite');

/** The floor: the hand-written SQL, with the clock read at the start of the run as the tool reads it. */
function cheapest(db: BenchDatabase): Promise<void> {
  const now = Date.now() / 1000;
  return byHand(db, cheapestStatements(db, VERSIONS_TABLE.defaultName, now, new Date().toISOString()), false);
}

/** Runs `body` on a fresh copy and checks that it leaves what `up()` left. */
async function checkAgainst(
  db: BenchDatabase,
  rows: number,
  reference: FinalState,
  clockFrom: number,
  label: string,
  body: () => Promise<void>,
): Promise<void> {
  await freshCopy(db, rows);
  await body();
  assertSameFinalState(reference, await readFinalState(db, VERSIONS_TABLE.defaultName, clockFrom), label, db.label);
}

/**
 * Part 2 on one database: `up` from 2.0.0 to the latest on big memories and sessions, beside Agno's
 * own statement sequence (the statements a run sends with every operation rendered on its own, as
 * Agno's migrations write them, replayed by hand on one plain connection) and beside the cheapest
 * hand-written SQL for the same change, each on a fresh copy. Both baselines are first checked to
 * leave exactly what `up()` leaves.
 */
export async function benchUpgrade(db: BenchDatabase, config: BenchConfig, log: (line: string) => void): Promise<UpgradeResult> {
  const rows = config.upgradeRows;
  log(`  calibration runs (${rows.toLocaleString('en-US')} rows per table)`);
  const statements: Captured[] = [];
  await freshCopy(db, rows);
  // Agno's sequence carries the clock of its capture run: times from then on count as "now".
  const clockFrom = Math.floor(Date.now() / 1000) - 1;
  await upWithTheTool(db, statements, oneOperationAtATime(db.dialect()));
  await freshCopy(db, rows);
  const counter = countQueries(db.kind);
  try {
    await upWithTheTool(db);
  } finally {
    counter.stop();
  }
  const reference = await readFinalState(db, VERSIONS_TABLE.defaultName, clockFrom);
  log('  checking that both baselines leave the same tables and rows');
  await checkAgainst(db, rows, reference, clockFrom, "Agno's sequence", () => agnoSequence(db, statements));
  await checkAgainst(db, rows, reference, clockFrom, 'the cheapest SQL', () => cheapest(db));
  // SQLite's runs are short and dominated by fsync, whose time varies a lot: more rounds there.
  const reps = db.kind === 'sqlite' ? config.upgradeReps * 3 : config.upgradeReps;
  log(`  ${reps} rounds`);
  const times = medians(
    await interleave(
      [
        { name: 'ours', prepare: () => freshCopy(db, rows), run: () => upWithTheTool(db) },
        { name: 'agno', prepare: () => freshCopy(db, rows), run: () => agnoSequence(db, statements) },
        { name: 'cheapest', prepare: () => freshCopy(db, rows), run: () => cheapest(db) },
      ],
      // The calibration and check runs above have warmed the process and the server already.
      { reps, warmup: 0 },
    ),
  );
  return {
    label: db.label,
    rows,
    ours: times.get('ours')!,
    agnoSequence: times.get('agno')!,
    cheapest: times.get('cheapest')!,
    statements: statements.length,
    oursQueries: counter.count,
    cheapestStatements: cheapestStatements(db, VERSIONS_TABLE.defaultName, 0, '').length,
    reps,
  };
}
