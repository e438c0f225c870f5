import type { Db } from '../dialect/db.js';
import { createTable } from './create-table.js';
import { migrateTable } from './migrate-table.js';
import type { RunResult } from './results.js';
import { runCommand } from './run-command.js';
import type { RunContext, TableRef } from './run-context.js';
import { checkBeforeCreate, checkBeforeDown, checkBeforeUp } from './table-shape-checks.js';
import { isVisited, tablesAt } from './table-selection.js';

export interface UpOptions {
  /** Defaults to the latest version; a version between two known ones means the highest below it. */
  readonly targetVersion?: string;
  readonly tableType?: string;
  /** Re-apply every step up to the target even when the versions row says it is done. */
  readonly force?: boolean;
  /** Read and plan, run nothing that writes; the result lists the SQL that would run. */
  readonly dryRun?: boolean;
  /** Create missing tables at the latest schema instead of reporting them absent. */
  readonly createMissing?: boolean;
  /** Agno 3.0's learnings re-key deletes rows it cannot give an owner (contaminated, unowned) instead of reporting them. */
  readonly purgeUnrecoverable?: boolean;
}

export interface DownOptions {
  readonly targetVersion: string;
  readonly tableType?: string;
  /** Revert every step above the target whatever the versions row says. */
  readonly force?: boolean;
  readonly dryRun?: boolean;
}

export interface CreateOptions {
  readonly tableType?: string;
  readonly dryRun?: boolean;
  /**
   * Create the tables in their shape at this version (a known one), stamped with it, instead of the
   * latest: for a writer that needs an older shape (v1-to-v2 writes Agno 2.x sessions).
   */
  readonly version?: string;
}

/** `up`: each table's steps up to the target; the versions table and the tables' columns checked first. */
export function* runUp(runCtx: RunContext, tables: readonly TableRef[], options: UpOptions): Db<RunResult> {
  const ctx: RunContext = options.purgeUnrecoverable ? { ...runCtx, taskOptions: { purgeUnrecoverable: true } } : runCtx;
  const createMissing = options.createMissing ?? false;
  const explicit = options.tableType !== undefined;
  return yield* runCommand(ctx, tables, {
    command: 'up',
    direction: 'up',
    target: options.targetVersion === undefined ? ctx.graph.latest : ctx.graph.resolveTarget(options.targetVersion),
    force: options.force ?? false,
    dryRun: options.dryRun ?? false,
    existence: 'with-work',
    visits: (planned) => isVisited(planned.table, planned.exists === true, explicit),
    // A versions table that cannot be stamped, or a table without the columns its steps work on,
    // is refused before anything changes.
    check: (plans) => checkBeforeUp(ctx, plans, createMissing),
    runTable: (run, planned) => migrateTable(ctx, run, planned, { createMissing }),
  });
}

/** `down`: each table's steps reverted down to the target. */
export function* runDown(ctx: RunContext, tables: readonly TableRef[], options: DownOptions): Db<RunResult> {
  const explicit = options.tableType !== undefined;
  return yield* runCommand(ctx, tables, {
    command: 'down',
    direction: 'down',
    target: ctx.graph.resolveTarget(options.targetVersion),
    force: options.force ?? false,
    dryRun: options.dryRun ?? false,
    existence: 'with-work',
    visits: (planned) => isVisited(planned.table, planned.exists === true, explicit),
    // A versions table that cannot be stamped is refused before anything changes, as by up.
    check: (plans) => checkBeforeDown(ctx, plans),
    runTable: (run, planned) => migrateTable(ctx, run, planned),
  });
}

/** `create`: the missing tables made at the latest schema (or `version`'s) and stamped; existing ones are left alone. */
export function* runCreate(ctx: RunContext, tables: readonly TableRef[], options: CreateOptions): Db<RunResult> {
  const version = options.version === undefined ? ctx.graph.latest : ctx.graph.resolveTarget(options.version);
  return yield* runCommand(ctx, tablesAt(tables, version, options.tableType !== undefined), {
    command: 'create',
    direction: 'up',
    target: version,
    force: false,
    dryRun: options.dryRun ?? false,
    existence: 'all',
    check: (plans) => checkBeforeCreate(ctx, plans),
    *runTable(run, { table, from, exists }) {
      if (exists) return { tableType: table.info.type, tableName: table.name, from, to: from, outcome: 'exists' as const, steps: [] };
      return yield* createTable(ctx, run, table, version);
    },
  });
}
