import { VERSIONS_TABLE } from '@agno-migrate/core';
import { DEFAULT_BATCH_SIZE, DEFAULT_PROGRESS_TABLE, migrateV1ToV2 } from '@agno-migrate/v1-to-v2';
import type { Dialect } from '@agno-migrate/core';
import type { RawClient } from '../support/raw-client.js';

export const V2_SESSIONS = 'agno_sessions';
export const BATCH_SIZE = DEFAULT_BATCH_SIZE;

export interface MigrationCount {
  readonly read: number;
  readonly written: number;
  readonly skipped: number;
}

/** Our v1 → v2 of one agent-sessions table into `agno_sessions`, with its own report's counts. */
export async function runV1ToV2(dialect: Dialect, v1Table: string): Promise<MigrationCount> {
  const report = await migrateV1ToV2(dialect, { agentSessions: v1Table, batchSize: BATCH_SIZE, restart: true });
  if (report.status !== 'ok') throw new Error(`v1-to-v2 ended ${report.status}`);
  return report.totals;
}

/** Removes what a previous run wrote, so each run starts from the same empty target. */
export async function resetTargets(raw: RawClient, qualify: (table: string) => string): Promise<void> {
  for (const table of [V2_SESSIONS, DEFAULT_PROGRESS_TABLE, VERSIONS_TABLE.defaultName])
    await raw.exec(`DROP TABLE IF EXISTS ${qualify(table)}`);
}
