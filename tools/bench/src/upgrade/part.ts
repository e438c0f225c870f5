import { MigrationManager, VERSIONS_TABLE } from '@agno-migrate/core';
import type { MigrationEvent } from '@agno-migrate/core';
import type { BenchConfig } from '../support/config.js';
import type { BenchDatabase } from '../support/databases.js';
import { countQueries } from '../support/query-counter.js';
import { openRaw } from '../support/raw-client.js';
import type { RawClient } from '../support/raw-client.js';
import { interleave, medians } from '../support/stats.js';
import { createStatements, dropStatements, fillStatements, MEMORIES, RECURSION_LIMITS, SESSIONS } from './fixture.js';

export interface UpgradeResult {
  readonly label: string;
  readonly rows: number;
  readonly ours: number;
  readonly byHand: number;
  /** The statements the migration ran (the hand-run SQL) and every query our run sent. */
  readonly statements: number;
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
    for (const sql of [...dropStatements(db, VERSIONS_TABLE.defaultName), ...createStatements(db)]) await raw.exec(sql);
    if (db.kind === 'mysql') await raiseRecursionLimit(raw);
    for (const sql of fillStatements(db)) await raw.exec(sql, [rows]);
    // Settled tables, as a long-lived database has them: hint bits set and statistics known.
    if (db.kind === 'postgres') await raw.exec(`VACUUM ANALYZE ${db.qualify(MEMORIES)}, ${db.qualify(SESSIONS)}`);
  } finally {
    await raw.close();
  }
}

async function upWithTheTool(db: BenchDatabase, capture?: Captured[]): Promise<void> {
  const onEvent = (event: MigrationEvent) => {
    if (capture && event.type === 'statement' && !event.dryRun) capture.push({ sql: event.statement.sql, params: event.statement.params });
  };
  const manager = new MigrationManager(db.dialect(), { onEvent });
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
 * On SQLite the tool's run is one transaction (its lock) around per-step savepoints, so by hand the
 * same statements run inside one transaction too: one commit each, not one per step.
 */
async function byHand(db: BenchDatabase, statements: readonly Captured[]): Promise<void> {
  const raw = await openRaw(db.raw);
  const wrap = db.kind === 'sqlite';
  try {
    if (wrap) await raw.exec('BEGIN');
    for (const s of statements) await raw.exec(s.sql, s.params);
    if (wrap) await raw.exec('COMMIT');
  } finally {
    await raw.close();
  }
}

/**
 * Part 2 on one database: `up` from 2.0.0 to the latest on big memories and sessions, beside the
 * very statements that run executed, replayed by hand on one plain connection, each on a fresh copy.
 */
export async function benchUpgrade(db: BenchDatabase, config: BenchConfig, log: (line: string) => void): Promise<UpgradeResult> {
  const rows = config.upgradeRows;
  log(`  calibration run (${rows.toLocaleString('en-US')} rows per table)`);
  const statements: Captured[] = [];
  await freshCopy(db, rows);
  const counter = countQueries(db.kind);
  try {
    await upWithTheTool(db, statements);
  } finally {
    counter.stop();
  }
  // SQLite's runs are short and dominated by fsync, whose time varies a lot: more rounds there.
  const reps = db.kind === 'sqlite' ? config.upgradeReps * 3 : config.upgradeReps;
  log(`  ${reps} rounds`);
  const times = medians(
    await interleave(
      [
        { name: 'ours', prepare: () => freshCopy(db, rows), run: () => upWithTheTool(db) },
        { name: 'byHand', prepare: () => freshCopy(db, rows), run: () => byHand(db, statements) },
      ],
      // The calibration run above has warmed the process and the server already.
      { reps, warmup: 0 },
    ),
  );
  return {
    label: db.label,
    rows,
    ours: times.get('ours')!,
    byHand: times.get('byHand')!,
    statements: statements.length,
    oursQueries: counter.count,
    reps,
  };
}
