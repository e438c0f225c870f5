import type { Db } from '../dialect/db.js';
import { compareVersions } from '../versions.js';
import { recordedVersions } from './recorded.js';
import type { RunResult, StepResult, TableResult } from './results.js';
import type { RunContext, TableRef } from './run-context.js';
import { runStep } from './step-executor.js';
import { runStatus, visitTables } from './table-loop.js';
import { ensureVersionsTable, readVersionRows } from './versions-store.js';
import { withLock } from './with-lock.js';
import { isVisited, newerReason, notOnDialectReason } from './table-scope.js';

export interface DownOptions {
  readonly targetVersion: string;
  readonly tableType?: string;
  /** Revert every step above the target whatever the versions row says. */
  readonly force?: boolean;
  readonly dryRun?: boolean;
}

export function* runDown(ctx: RunContext, tables: readonly TableRef[], options: DownOptions): Db<RunResult> {
  const target = ctx.graph.resolveTarget(options.targetVersion);
  const dryRun = options.dryRun ?? false;
  return yield* withLock(ctx, !dryRun, function* () {
    const rows = yield* readVersionRows(ctx);
    const current = recordedVersions(ctx.graph, tables, rows, ctx.versionsTable);
    const versions = { exists: rows.exists };
    // One query tells which of the tables with work to do exist, whatever their number.
    const withWork = tables.filter(
      (t) => ctx.graph.planDown(current.get(t.name)!, target, options.force ?? false, t.info.type).steps.length > 0,
    );
    const existing = withWork.length > 0 ? yield* ctx.dialect.introspector.existingTables(withWork.map((t) => t.name)) : new Set<string>();
    const reached = new Map<string, string>();
    const explicit = options.tableType !== undefined;
    const results = yield* visitTables(
      ctx,
      tables
        .filter((t) => isVisited(t, existing.has(t.name), explicit, ctx.dialect.flavor))
        .map((table) => ({
          table,
          from: current.get(table.name)!,
          reached: () => reached.get(table.name) ?? current.get(table.name)!,
          run: () => downTable(ctx, table, current.get(table.name)!, target, options, versions, existing.has(table.name), reached),
        })),
    );
    const result: RunResult = { command: 'down', dryRun, targetVersion: target, status: runStatus(results), tables: results };
    ctx.emit({ type: 'run-done', result });
    return result;
  });
}

function* downTable(
  ctx: RunContext,
  table: TableRef,
  from: string,
  target: string,
  options: DownOptions,
  versions: { exists: boolean },
  exists: boolean,
  reached: Map<string, string>,
): Db<TableResult> {
  const dryRun = options.dryRun ?? false;
  const plan = ctx.graph.planDown(from, target, options.force ?? false, table.info.type);
  const base = { tableType: table.info.type, tableName: table.name, from };
  if (ctx.graph.isNewer(from)) return { ...base, to: from, outcome: 'newer', steps: [], reason: newerReason(ctx, table, from) };
  const held = plan.held ? { held: plan.held } : {};
  if (plan.steps.length === 0) {
    return plan.held
      ? { ...base, to: from, outcome: 'held', steps: [], reason: plan.held.reason, ...held }
      : { ...base, to: from, outcome: 'up-to-date', steps: [] };
  }

  // Where Agno has no code for a type at all (learnings on MySQL), a table of it is not Agno's: left as it is.
  const foreign = exists && table.info.onlyWhereStored ? notOnDialectReason(ctx, table) : undefined;
  if (foreign) return { ...base, to: from, outcome: 'not-on-dialect', steps: [], reason: foreign };
  if (!exists) {
    const elsewhere = notOnDialectReason(ctx, table);
    if (elsewhere) return { ...base, to: from, outcome: 'not-on-dialect', steps: [], reason: elsewhere };
    return { ...base, to: from, outcome: 'absent', steps: [], reason: `table ${table.name} does not exist: nothing to revert` };
  }
  ctx.emit({ type: 'table-start', tableType: table.info.type, tableName: table.name, from, to: target });
  if (!dryRun) yield* ensureVersionsTable(ctx, versions);
  const steps: StepResult[] = [];
  let recorded = from;
  for (const step of plan.steps) {
    // A `down` never raises a stamp: a forced revert of a step above the recorded version keeps it.
    const stampVersion = compareVersions(step.from, recorded) < 0 ? step.from : recorded;
    const outcome = yield* runStep(ctx, table, step, 'down', stampVersion, dryRun, options.force ?? false);
    steps.push(outcome.result);
    if (outcome.blocked) {
      return { ...base, to: recorded, outcome: 'blocked', steps, blocked: outcome.blocked, reason: outcome.blocked.message };
    }
    recorded = stampVersion;
    reached.set(table.name, recorded);
  }
  return { ...base, to: recorded, outcome: 'migrated', steps, ...held };
}
