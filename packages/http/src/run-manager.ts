import type { DownOptions, MigrationManager, RunResult, StatusOptions, StatusResult, UpOptions } from '@agno-migrate/core';

/**
 * The manager's work, on the synchronous path when the dialect has one. A synchronous driver
 * (better-sqlite3) waits for a busy database by blocking the thread, so two runs interleaved on
 * one thread against one file would wait on each other forever; a run that never yields cannot
 * interleave.
 */
export interface ManagerRunner {
  status(options?: StatusOptions): Promise<StatusResult>;
  up(options?: UpOptions): Promise<RunResult>;
  down(options: DownOptions): Promise<RunResult>;
}

export function runnerFor(manager: MigrationManager): ManagerRunner {
  if (!manager.dialect.capabilities.synchronous) return manager;
  return {
    status: async (options) => manager.statusSync(options),
    up: async (options) => manager.upSync(options),
    down: async (options) => manager.downSync(options),
  };
}
