import type { MigrationManager, TableOutcome } from '@agno-migrate/core';
import knex from 'knex';
import type { BenchDatabase } from '../support/databases.js';
import type { RawClient } from '../support/raw-client.js';
import { openRaw } from '../support/raw-client.js';
import { knexConfig, knexLatest } from './knex-noop.js';
import { createKyselyNoop, kyselyLatest } from './kysely-noop.js';
import { peerTargetOf } from './peer-target.js';

/** The four in-process no-ops on one open connection each, all on the same database. */
export interface NoopContenders {
  readonly floor: () => Promise<void>;
  readonly ours: () => Promise<void>;
  readonly knex: () => Promise<void>;
  readonly kysely: () => Promise<void>;
  close(): Promise<void>;
}

/**
 * Outcomes of a table `up` left alone: at the latest, or not there because Agno never creates it on
 * this database (approvals on MySQL: `not-on-dialect`, or `absent` for a type it could have).
 */
const IDLE: ReadonlySet<TableOutcome> = new Set(['up-to-date', 'absent', 'not-on-dialect']);

/** Fails loudly if our `up` did anything: a no-op that migrated would be a false number. */
export async function oursNoop(manager: MigrationManager): Promise<void> {
  const result = await manager.up();
  if (result.status !== 'ok') throw new Error(`up was not a no-op: its status is ${result.status}`);
  const busy = result.tables.filter((t) => !IDLE.has(t.outcome));
  if (busy.length > 0) throw new Error(`up was not a no-op: ${busy.map((t) => `${t.tableName} ${t.outcome}`).join(', ')}`);
}

/** Opens every contender and runs each once, so peers create their bookkeeping tables first. */
export async function openNoopContenders(db: BenchDatabase, manager: MigrationManager): Promise<NoopContenders> {
  const target = peerTargetOf(db);
  const raw: RawClient = await openRaw(db.raw);
  const k = knex(knexConfig(target));
  const kysely = await createKyselyNoop(target);
  const contenders: NoopContenders = {
    floor: async () => {
      await raw.rows('SELECT 1');
    },
    ours: () => oursNoop(manager),
    knex: () => knexLatest(k),
    kysely: () => kyselyLatest(kysely),
    async close() {
      await raw.close();
      await k.destroy();
      await kysely.db.destroy();
    },
  };
  for (const run of [contenders.floor, contenders.ours, contenders.knex, contenders.kysely]) await run();
  return contenders;
}
