/** What the v1 → v2 suite's cases share: the first run's options, the seed, the application's edits. */
import { MigrationManager } from '@agno-migrate/core';
import type { TestDatabase } from '@agno-migrate/test-infra';
import { V1_NAMES } from '@agno-migrate/test-infra';
import type { MigrateV1Options, V1MigrationReport } from '../../src/index.js';
import { migrateV1ToV2 } from '../../src/index.js';
import { OWNED_ROW } from './expected-v2.js';
import { readV2 } from './read-v2.js';

export interface SuiteOptions {
  /** SQL that makes the database refuse to insert the session `sessionId` into `table` (a trigger), and SQL that undoes it. */
  readonly refuseInsert: (db: TestDatabase, table: string, sessionId: string) => { readonly create: string[]; readonly drop: string[] };
  /** A second namespace for the v1 tables, where the dialect has namespaces. */
  readonly otherNamespace?: { create: (db: TestDatabase, name: string) => string; drop: (db: TestDatabase, name: string) => string };
}

export const NOW = () => new Date('2026-01-01T00:00:00Z');
export const { workflowV2Sessions, ...FIRST_RUN_TABLES } = V1_NAMES;

export const firstRun = (extra: MigrateV1Options = {}): MigrateV1Options => ({
  agentSessions: FIRST_RUN_TABLES.agentSessions,
  teamSessions: FIRST_RUN_TABLES.teamSessions,
  workflowSessions: FIRST_RUN_TABLES.workflowSessions,
  memories: FIRST_RUN_TABLES.memories,
  now: NOW,
  ...extra,
});

export async function seedOwnedRow(db: TestDatabase): Promise<void> {
  const manager = new MigrationManager(db.dialect());
  try {
    // An Agno 2.x sessions table: v1-to-v2 writes runs into the session row, as 2.x keeps them.
    await manager.create({ tableType: 'sessions', version: '2.5.6' });
  } finally {
    await manager.close();
  }
  const columns = Object.keys(OWNED_ROW);
  await db.exec(
    `INSERT INTO ${db.qualify('agno_sessions')} (${columns.map((c) => db.quoteIdent(c)).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
    Object.values(OWNED_ROW),
  );
}

/** Both runs a user with every v1 table makes: the tables of one kind each, then the workflow_v2 table. */
export async function migrateAll(db: TestDatabase, extra: MigrateV1Options = {}): Promise<V1MigrationReport[]> {
  const first = await migrateV1ToV2(db.dialect(), firstRun(extra));
  const second = await migrateV1ToV2(db.dialect(), { workflowSessions: workflowV2Sessions, now: NOW, ...extra });
  return [first, second];
}

export async function finalState(db: TestDatabase) {
  return { sessions: await readV2(db, 'agno_sessions', 'session_id'), memories: await readV2(db, 'agno_memories', 'memory_id') };
}

export const CHANGED = "changed in v2 after the migration (its updated_at is later than the v1 row's)";
export const SAME = 'already in v2 with the same updated_at as the v1 row';

/**
 * What an application does with migrated rows: a session and a memory changed with a new
 * updated_at, and a session changed without touching updated_at.
 */
export async function applicationEdits(db: TestDatabase): Promise<void> {
  const q = (n: string) => db.quoteIdent(n);
  await db.exec(`UPDATE ${db.qualify('agno_sessions')} SET ${q('session_data')} = ?, ${q('updated_at')} = ? WHERE ${q('session_id')} = ?`, [
    JSON.stringify({ edited: 'by the application' }),
    1_800_000_000,
    'a-full',
  ]);
  await db.exec(`UPDATE ${db.qualify('agno_sessions')} SET ${q('summary')} = ? WHERE ${q('session_id')} = ?`, [
    JSON.stringify({ summary: 'kept' }),
    'a-strings',
  ]);
  await db.exec(`UPDATE ${db.qualify('agno_memories')} SET ${q('memory')} = ?, ${q('updated_at')} = ? WHERE ${q('memory_id')} = ?`, [
    JSON.stringify('edited memory'),
    1_800_000_000,
    'm1',
  ]);
}

export function byKind(report: V1MigrationReport) {
  return Object.fromEntries(report.tables.map((t) => [t.kind, t]));
}
