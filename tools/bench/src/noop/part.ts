import { MigrationManager } from '@agno-migrate/core';
import type { BenchConfig } from '../support/config.js';
import type { BenchDatabase } from '../support/databases.js';
import { countQueries } from '../support/query-counter.js';
import { CLI_BIN, benchScript } from '../support/paths.js';
import { processContender } from '../support/spawn-timer.js';
import { interleave, medians } from '../support/stats.js';
import type { Contender } from '../support/stats.js';
import type { NoopContenders } from './contenders.js';
import { openNoopContenders, oursNoop } from './contenders.js';
import type { Layer } from './import-cost.js';
import { importCosts } from './import-cost.js';
import { peerTargetOf } from './peer-target.js';
import { createTableSets, migratedTypesOn, tableSetNames } from './table-sets.js';

export type NoopName = 'floor' | 'ours' | 'knex' | 'kysely';
const NAMES: readonly NoopName[] = ['floor', 'ours', 'knex', 'kysely'];
const ALL_SETS_REPS = 5;

export interface QueryCounts {
  readonly tables: number;
  readonly perContender: ReadonlyMap<NoopName, number>;
}

export interface NoopResult {
  readonly label: string;
  readonly migratedTables: number;
  /** Median ms per in-process no-op, with one table set and with all of them. */
  readonly inProcess: ReadonlyMap<string, number>;
  readonly inProcessAllSets: ReadonlyMap<string, number>;
  /** Median ms per whole process. */
  readonly process: ReadonlyMap<string, number>;
  readonly queriesOneSet: QueryCounts;
  readonly queriesAllSets: QueryCounts;
  /** Our no-op's query count for every table set when all of them exist: min and max. */
  readonly oursAcrossSets: { readonly sets: number; readonly min: number; readonly max: number };
  /** Median load time of each layer of the CLI, in fresh processes. */
  readonly importCosts: ReadonlyMap<Layer, number>;
}

function inProcessContenders(c: NoopContenders): Contender[] {
  return NAMES.map((name) => ({ name, run: c[name] }));
}

async function countEach(db: BenchDatabase, c: NoopContenders, tables: number): Promise<QueryCounts> {
  const counter = countQueries(db.kind);
  try {
    const perContender = new Map<NoopName, number>();
    for (const name of NAMES) {
      counter.reset();
      await c[name]();
      perContender.set(name, counter.count);
    }
    return { tables, perContender };
  } finally {
    counter.stop();
  }
}

async function withContenders<T>(db: BenchDatabase, body: (c: NoopContenders) => Promise<T>): Promise<T> {
  const manager = new MigrationManager(db.dialect());
  const contenders = await openNoopContenders(db, manager);
  try {
    return await body(contenders);
  } finally {
    await contenders.close();
    await manager.close();
  }
}

async function oursAcrossSets(db: BenchDatabase, sets: number): Promise<{ sets: number; min: number; max: number }> {
  const counter = countQueries(db.kind);
  const counts: number[] = [];
  try {
    for (let set = 0; set < sets; set++) {
      const manager = new MigrationManager(db.dialect(), { tables: tableSetNames(set) });
      try {
        await oursNoop(manager); // connects
        counter.reset();
        await oursNoop(manager);
        counts.push(counter.count);
      } finally {
        await manager.close();
      }
    }
  } finally {
    counter.stop();
  }
  return { sets, min: Math.min(...counts), max: Math.max(...counts) };
}

function processContenders(db: BenchDatabase): Contender[] {
  const target = JSON.stringify(peerTargetOf(db));
  return [
    processContender('node -e 0', process.execPath, ['-e', '0']),
    processContender('floor', process.execPath, [benchScript('processes/floor.js'), target]),
    processContender('ours', process.execPath, [CLI_BIN, 'up', ...db.cliArgs]),
    processContender('knex', process.execPath, [benchScript('processes/knex-noop.js'), target]),
    processContender('kysely', process.execPath, [benchScript('processes/kysely-noop.js'), target]),
  ];
}

/** Part 1 on one database: in-process and whole-process no-ops, and the query counts. */
export async function benchNoop(db: BenchDatabase, config: BenchConfig, log: (line: string) => void): Promise<NoopResult> {
  const setup = new MigrationManager(db.dialect());
  try {
    await setup.create();
  } finally {
    await setup.close();
  }
  const migratedTables = migratedTypesOn(db).length;

  log(`  in process, ${config.inProcessReps} rounds`);
  const { inProcess, queriesOneSet } = await withContenders(db, async (c) => ({
    inProcess: medians(await interleave(inProcessContenders(c), { reps: config.inProcessReps, warmup: 5 })),
    queriesOneSet: await countEach(db, c, migratedTables),
  }));

  log(`  whole processes, ${config.processReps} rounds`);
  const processTimes = medians(await interleave(processContenders(db), { reps: config.processReps, warmup: 2 }));

  const costs = importCosts(db.kind, config.processReps);

  log(`  ${config.tableSets} renamed table sets`);
  await createTableSets(db, config.tableSets);
  // Kysely reads every table's columns on each run: seconds per run on MariaDB at this size.
  const { inProcessAllSets, queriesAllSets } = await withContenders(db, async (c) => ({
    inProcessAllSets: medians(await interleave(inProcessContenders(c), { reps: ALL_SETS_REPS, warmup: 1 })),
    queriesAllSets: await countEach(db, c, migratedTables * config.tableSets),
  }));
  const across = await oursAcrossSets(db, config.tableSets);

  return {
    label: db.label,
    migratedTables,
    inProcess,
    inProcessAllSets,
    process: processTimes,
    queriesOneSet,
    queriesAllSets,
    oursAcrossSets: across,
    importCosts: costs,
  };
}
