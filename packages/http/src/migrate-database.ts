import type { MigrationManager, RunResult } from '@agno-migrate/core';
import { compareVersions } from '@agno-migrate/core';
import { runnerFor } from './run-manager.js';

/**
 * AgentOS's per-database procedure: no target → up to the latest; with a target, the sessions
 * table's recorded version stands for the whole database: a higher target means up, otherwise down
 * (both over every table type, each from its own recorded version). `force` lets a revert drop
 * data it cannot keep (owners, feedback); without it such a revert is blocked.
 */
export async function migrateDatabase(manager: MigrationManager, targetVersion: string | undefined, force = false): Promise<RunResult> {
  const runner = runnerFor(manager);
  if (targetVersion === undefined) return runner.up();
  const status = await runner.status({ tableType: 'sessions' });
  const sessions = status.tables[0]?.current ?? manager.graph.baseline;
  if (compareVersions(targetVersion, sessions) > 0) return runner.up({ targetVersion });
  return runner.down({ targetVersion, ...(force ? { force } : {}) });
}
