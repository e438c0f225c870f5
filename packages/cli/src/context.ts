import type { Dialect, Logger, MigrationEvent } from '@agno-migrate/core';
import { MigrationManager } from '@agno-migrate/core';
import type { CommonOptions } from './common-options.js';
import { resolveDatabaseOptions } from './config/database-options.js';
import type { DatabaseTarget } from './database-url.js';
import { loadDialect } from './load-dialect.js';
import type { InlineParams } from './output/dry-run-sql.js';
import { RunTimer } from './output/durations.js';
import { setJsonTarget } from './output/json.js';
import type { ProgressReporter } from './output/progress.js';
import { isTerminal } from './output/standard-streams.js';

export interface CommandContext {
  readonly manager: MigrationManager;
  readonly target: DatabaseTarget;
  /** The schema (PostgreSQL) or database (MySQL) of the tables; undefined on SQLite. */
  readonly schema: string | undefined;
  /** postgres, sqlite, mysql or singlestore: which tables Agno creates. */
  readonly flavor: Dialect['flavor'];
  /** A statement with its parameters written in, as the dialect spells literals (dry-run output). */
  readonly inlineParams: InlineParams;
  readonly display: string;
  readonly json: boolean;
  readonly timer: RunTimer;
  readonly progress: ProgressReporter | undefined;
}

/** Builds the manager for a command from its options; loads only the dialect the URL needs. */
export async function openContext(options: CommonOptions, mustExist: boolean): Promise<CommandContext> {
  const { target, schema, tables, versionsTable } = resolveDatabaseOptions(options);
  const dialect = await loadDialect({ target, ...(schema !== undefined ? { schema } : {}), mustExist });
  const json = options.json ?? false;
  setJsonTarget(target.display, dialect.namespace);
  const logger: Logger = { info() {}, warn() {} };
  const timer = new RunTimer();
  const progress = await openProgress();
  const onEvent = (event: MigrationEvent) => {
    timer.onEvent(event);
    progress?.onEvent(event);
  };
  const manager = new MigrationManager(dialect, {
    tables,
    ...(versionsTable !== undefined ? { versionsTable } : {}),
    ...(options.lockTimeout !== undefined ? { lockTimeoutMs: options.lockTimeout * 1000 } : {}),
    logger,
    onEvent,
  });
  const inlineParams: InlineParams = (statement) => dialect.emitter.inlineParams(statement);
  return {
    manager,
    target,
    schema: dialect.namespace,
    flavor: dialect.flavor,
    inlineParams,
    display: target.display,
    json,
    timer,
    progress,
  };
}

/** Progress only for a person at a terminal; its redraw library loads only then. */
async function openProgress(): Promise<ProgressReporter | undefined> {
  if (!isTerminal(2)) return undefined;
  const [{ createLogUpdate }, { progressReporter, sizedTerminal }] = await Promise.all([
    import('log-update'),
    import('./output/progress.js'),
  ]);
  return progressReporter(process.stderr, createLogUpdate(sizedTerminal(process.stderr), { showCursor: true }));
}
