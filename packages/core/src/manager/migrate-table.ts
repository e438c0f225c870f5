import { availableOn } from '../catalog/registry.js';
import type { Db } from '../dialect/db.js';
import { createTable } from './create-table.js';
import { DIRECTIONS } from './direction.js';
import type { StepResult, TableResult } from './results.js';
import type { Run } from './run-command.js';
import type { RunContext, TableRef } from './run-context.js';
import { runStep } from './step-executor.js';
import type { TablePlan } from './table-plans.js';
import { ensureVersionsTable } from './versions-store.js';

export interface MigrateTableOptions {
  /** `up --create-missing`: a missing table is created at the latest schema instead of reported absent. */
  readonly createMissing?: boolean;
}

/**
 * One table's steps in the run's direction, each stamped as it completes; or, when the table is
 * not to be touched, why not (newer, held, up to date, not Agno's on this database, absent).
 */
export function* migrateTable(ctx: RunContext, run: Run, planned: TablePlan, options: MigrateTableOptions = {}): Db<TableResult> {
  const { table, from, plan } = planned;
  const exists = planned.exists === true;
  const rules = DIRECTIONS[run.direction];
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
    if (options.createMissing) return yield* createTable(ctx, run, table);
    return { ...base, to: from, outcome: 'absent', steps: [], reason: rules.absentReason(table.name) };
  }

  ctx.emit({ type: 'table-start', tableType: table.info.type, tableName: table.name, from, to: run.target });
  if (!run.dryRun) yield* ensureVersionsTable(ctx, run.versions);
  const steps: StepResult[] = [];
  let recorded = from;
  for (const step of plan.steps) {
    const stampVersion = rules.stampAfter(step, recorded);
    const outcome = yield* runStep(ctx, run, table, step, stampVersion);
    steps.push(outcome.result);
    if (outcome.blocked) {
      return { ...base, to: recorded, outcome: 'blocked', steps, blocked: outcome.blocked, reason: outcome.blocked.message };
    }
    recorded = stampVersion;
    run.reached.set(table.name, recorded);
  }
  return { ...base, to: recorded, outcome: 'migrated', steps, ...held };
}

/** A migrated type Agno never stores on this database (approvals, learnings on MySQL): said the same way by up and down. */
function notOnDialectReason(ctx: RunContext, table: TableRef): string | undefined {
  if (availableOn(table.info, ctx.dialect.flavor)) return undefined;
  return `Agno does not store ${table.info.type} tables on ${ctx.dialect.name}: nothing to migrate`;
}

/** Said for a table stamped by a newer Agno (or agno-migrate): it is left exactly as it is. */
function newerReason(ctx: RunContext, table: TableRef, recorded: string): string {
  return `${table.name} is stamped ${recorded}, newer than this tool knows (${ctx.graph.latest}): left untouched; upgrade agno-migrate to migrate it`;
}
