import type { Logger } from '@agno-migrate/core';
import { MigrationManager } from '@agno-migrate/core';
import type { CommonOptions } from './common-options.js';
import { resolveDatabaseOptions } from './config/database-options.js';
import type { DatabaseTarget } from './database-url.js';
import { loadDialect } from './load-dialect.js';
import { progressReporter } from './output/progress.js';

export interface CommandContext {
  readonly manager: MigrationManager;
  readonly target: DatabaseTarget;
  readonly json: boolean;
}

/** Builds the manager for a command from its options; loads only the dialect the URL needs. */
export async function openContext(options: CommonOptions, mustExist: boolean): Promise<CommandContext> {
  const { target, schema, tables, versionsTable } = resolveDatabaseOptions(options);
  const dialect = await loadDialect({ target, ...(schema !== undefined ? { schema } : {}), mustExist });
  const json = options.json ?? false;
  const logger: Logger = { info() {}, warn() {} };
  const manager = new MigrationManager(dialect, {
    tables,
    ...(versionsTable !== undefined ? { versionsTable } : {}),
    ...(options.lockTimeout !== undefined ? { lockTimeoutMs: options.lockTimeout * 1000 } : {}),
    logger,
    onEvent: progressReporter(process.stderr),
  });
  return { manager, target, json };
}
