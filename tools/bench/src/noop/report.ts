import { ms, ratio, table, verdict } from '../support/markdown.js';
import type { Layer } from './import-cost.js';
import type { NoopResult, QueryCounts } from './part.js';

const PROCESS_TARGET = 1.15;

function processTable(results: readonly NoopResult[]): string {
  const rows = results.map((r) => {
    const p = (name: string) => r.process.get(name) ?? Number.NaN;
    const floor = p('floor');
    const ours = p('ours') / floor;
    return [
      r.label,
      ms(p('node -e 0')),
      ms(floor),
      ms(p('ours')),
      ms(p('knex')),
      ms(p('kysely')),
      ratio(ours),
      ratio(p('knex') / floor),
      ratio(p('kysely') / floor),
      `${verdict(ours <= PROCESS_TARGET)} (≤ ${PROCESS_TARGET}×)`,
    ];
  });
  return table(
    [
      'database',
      '`node -e 0`',
      'bare driver: connect + SELECT',
      '`agno-migrate up`',
      'Knex no-op',
      'Kysely no-op',
      'ours ÷ floor',
      'Knex ÷ floor',
      'Kysely ÷ floor',
      'target',
    ],
    rows,
  );
}

function inProcessTable(results: readonly NoopResult[]): string {
  const rows: string[][] = [];
  for (const r of results) {
    for (const [times, tables] of [
      [r.inProcess, r.queriesOneSet.tables],
      [r.inProcessAllSets, r.queriesAllSets.tables],
    ] as const) {
      const t = (name: string) => times.get(name) ?? Number.NaN;
      rows.push([
        r.label,
        String(tables),
        ms(t('floor')),
        ms(t('ours')),
        ms(t('knex')),
        ms(t('kysely')),
        ratio(t('ours') / t('floor')),
        ratio(t('knex') / t('floor')),
        ratio(t('kysely') / t('floor')),
      ]);
    }
  }
  return table(
    [
      'database',
      'Agno tables in it',
      'one SELECT (floor)',
      '`up()`',
      'Knex `migrate.latest()`',
      'Kysely `migrateToLatest()`',
      'ours ÷ floor',
      'Knex ÷ floor',
      'Kysely ÷ floor',
    ],
    rows,
  );
}

function count(q: QueryCounts, name: 'floor' | 'ours' | 'knex' | 'kysely'): string {
  return String(q.perContender.get(name) ?? '–');
}

function queryTable(results: readonly NoopResult[]): string {
  const rows = results.flatMap((r) => {
    const constant =
      r.queriesOneSet.perContender.get('ours') === r.queriesAllSets.perContender.get('ours') &&
      r.oursAcrossSets.min === r.oursAcrossSets.max;
    return [
      [
        r.label,
        `1 set, ${r.queriesOneSet.tables} tables`,
        count(r.queriesOneSet, 'ours'),
        count(r.queriesOneSet, 'knex'),
        count(r.queriesOneSet, 'kysely'),
        '',
      ],
      [
        r.label,
        `${r.oursAcrossSets.sets} sets, ${r.queriesAllSets.tables} tables`,
        `${count(r.queriesAllSets, 'ours')} (every set: ${r.oursAcrossSets.min}–${r.oursAcrossSets.max})`,
        count(r.queriesAllSets, 'knex'),
        count(r.queriesAllSets, 'kysely'),
        `${verdict(constant)} (constant)`,
      ],
    ];
  });
  return table(['database', 'tables in the database', 'agno-migrate `up()`', 'Knex', 'Kysely', 'target'], rows);
}

function importTable(results: readonly NoopResult[]): string {
  const rows = results.map((r) => {
    const c = (layer: Layer) => r.importCosts.get(layer) ?? Number.NaN;
    const floor = r.process.get('floor') ?? Number.NaN;
    const ours = c('core') + c('cli') + c('dialect');
    return [
      r.label,
      ms(c('start')),
      ms(c('core')),
      ms(c('cli')),
      ms(c('dialect')),
      ms(c('driver')),
      `${ms(ours)} (${ratio((floor + ours) / floor)} of the floor)`,
    ];
  });
  return table(
    [
      'database',
      'process start to first line',
      '@agno-migrate/core',
      'the CLI (one file, commander bundled)',
      'dialect package',
      'driver',
      'what the floor does not load',
    ],
    rows,
  );
}

export function noopSection(results: readonly NoopResult[], reps: { process: number; inProcess: number }): string {
  return [
    '## 1. Nothing to do',
    '',
    `Every table is at the latest version; each tool has its own bookkeeping tables already in place and nothing to apply (Knex and Kysely with an empty migration list). Whole processes: median of ${reps.process} interleaved rounds after 2 warm-up rounds, timed from spawn to exit. The floor is a bare-driver process that connects, runs \`SELECT 1\` and exits.`,
    '',
    processTable(results),
    '',
    `In process, on an open connection (median of ${reps.inProcess} interleaved rounds with one table set, of 5 with all sets). The floor is one \`SELECT 1\` round trip on an open connection.`,
    '',
    inProcessTable(results),
    '',
    "Statements each no-op sends, counted at the driver (every call of pg's `Client.query`, mysql2's `query`/`execute`, better-sqlite3's statement `run`/`all`/`get`/`iterate` and `exec`), so every tool is counted the same way. A renamed table set is the seven migrated tables under other names (`s01_agno_memories`, …) sharing one `agno_schema_versions`; each set's manager does its no-op while all sets exist. Target: the lock plus one query for all versions rows, the same whatever the number of tables.",
    '',
    queryTable(results),
    '',
    'Where a whole-process no-op spends its time: each layer of the CLI loaded in a fresh process, in the order the CLI loads it (median load time, on top of the layers before it). The driver is loaded by the floor too; core, the CLI and the dialect package are what `agno-migrate` adds before it sends a query.',
    '',
    importTable(results),
  ].join('\n');
}
