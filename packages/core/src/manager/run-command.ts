import type { Db } from '../dialect/db.js';
import { AgnoMigrateError, VersionsTableError } from '../errors.js';
import type { Direction } from '../graph/version-graph.js';
import type { RunResult, TableResult } from './results.js';
import type { RunContext, TableRef } from './run-context.js';
import type { TablePlan, TablePlans } from './table-plans.js';
import { planTables } from './table-plans.js';
import { withLock } from './with-lock.js';

/** What a command fixes for its whole run. */
export interface RunSettings {
  readonly command: RunResult['command'];
  readonly direction: Direction;
  /** The resolved target version. */
  readonly target: string;
  readonly force: boolean;
  /** Read and plan under no lock, write nothing; the result lists the SQL that would run. */
  readonly dryRun: boolean;
}

/** up, down and create: the same run, told apart by these. */
export interface Command extends RunSettings {
  /** Which tables' existence the run asks (see `TablePlan.exists`). */
  readonly existence: 'all' | 'with-work';
  /** Whether the run reports a table at all; every table when absent. */
  visits?(planned: TablePlan): boolean;
  /** Refuses, before the first change, what the run could not finish; nothing has been written yet. */
  check?(plans: TablePlans): Db<void>;
  /** One table's work. An error it throws stops the run (see `visitTables`). */
  runTable(run: Run, planned: TablePlan): Db<TableResult>;
}

/** What the tables of one run share as it goes. */
export interface Run extends RunSettings {
  /** What the run knows of the versions table; `ensureVersionsTable` completes it once per run. */
  readonly versions: { exists: boolean; complete?: boolean };
  /** Each table's recorded version as its steps are stamped: where a failed table's row stands. */
  readonly reached: Map<string, string>;
}

/**
 * The one loop of up, down and create: take the lock (not for a dry run), plan every table once,
 * check, visit the tables in order, report. The lock is released on every path out.
 */
export function* runCommand(ctx: RunContext, tables: readonly TableRef[], command: Command): Db<RunResult> {
  const { command: name, direction, target, force, dryRun } = command;
  return yield* withLock(ctx, !dryRun, function* () {
    const plans = yield* planTables(ctx, tables, { direction, target, force, existence: command.existence });
    if (command.check) yield* command.check(plans);
    const run: Run = { command: name, direction, target, force, dryRun, versions: { exists: plans.versions.exists }, reached: new Map() };
    const visited = plans.tables.filter((planned) => command.visits?.(planned) ?? true);
    const results = yield* visitTables(ctx, run, visited, (planned) => command.runTable(run, planned));
    const result: RunResult = { command: name, dryRun, targetVersion: target, status: runStatus(results), tables: results };
    ctx.emit({ type: 'run-done', result });
    return result;
  });
}

/**
 * Visits tables in order. The first error stops the run: the failing table is reported with the
 * error and the ones after it as not run, so the caller sees exactly how far it got. A versions
 * table that cannot be created stops the run before any table changed, so it is thrown as it is.
 */
function* visitTables(
  ctx: RunContext,
  run: Run,
  visits: readonly TablePlan[],
  runTable: (planned: TablePlan) => Db<TableResult>,
): Db<TableResult[]> {
  const results: TableResult[] = [];
  for (const [i, visit] of visits.entries()) {
    try {
      const result = yield* runTable(visit);
      results.push(result);
      ctx.emit({ type: 'table-done', result });
    } catch (raw) {
      // No table was touched: the run fails as a whole, with the versions table named.
      if (raw instanceof VersionsTableError) throw raw;
      const error = ctx.dialect.errors.translate(raw);
      const code = error instanceof AgnoMigrateError ? error.code : 'error';
      results.push({
        tableType: visit.table.info.type,
        tableName: visit.table.name,
        from: visit.from,
        to: run.reached.get(visit.table.name) ?? visit.from,
        outcome: 'failed',
        steps: [],
        error: { message: error.message, code },
      });
      for (const rest of visits.slice(i + 1)) {
        results.push({
          tableType: rest.table.info.type,
          tableName: rest.table.name,
          from: rest.from,
          to: rest.from,
          outcome: 'not-run',
          steps: [],
          reason: `not attempted after ${visit.table.name} failed`,
        });
      }
      break;
    }
  }
  return results;
}

function runStatus(tables: readonly TableResult[]): RunResult['status'] {
  if (tables.some((t) => t.outcome === 'failed')) return 'failed';
  if (tables.some((t) => t.outcome === 'blocked')) return 'blocked';
  return 'ok';
}
