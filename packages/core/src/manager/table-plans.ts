import type { Db } from '../dialect/db.js';
import type { Direction, Plan } from '../graph/version-graph.js';
import { DIRECTIONS } from './direction.js';
import { recordedVersions } from './recorded.js';
import type { RunContext, TableRef } from './run-context.js';
import type { VersionRows } from './versions-store.js';
import { readVersionRows } from './versions-store.js';

/** One table's part of a command, worked out once before anything changes and handed down whole. */
export interface TablePlan {
  readonly table: TableRef;
  /** The recorded version when the command starts (the baseline when there is no row). */
  readonly from: string;
  /**
   * Whether the table exists. Up and down ask only about the tables with steps to run (null for
   * the others: nothing done to them depends on it); status and create ask about every table.
   */
  readonly exists: boolean | null;
  /** The steps to run in the command's direction, and where the table type is held. */
  readonly plan: Plan;
}

export interface PlanRequest {
  readonly direction: Direction;
  readonly target: string;
  readonly force: boolean;
  readonly existence: 'all' | 'with-work';
}

export interface TablePlans {
  readonly versions: VersionRows;
  readonly tables: readonly TablePlan[];
}

/**
 * Reads what a command decides from: every versions row in one query, then which tables exist in
 * one more (skipped by up and down when no table has a step to run), whatever the number of tables.
 * A versions row holding garbage stops the command here, before any work.
 */
export function* planTables(ctx: RunContext, tables: readonly TableRef[], request: PlanRequest): Db<TablePlans> {
  const versions = yield* readVersionRows(ctx);
  const current = recordedVersions(ctx.graph, tables, versions, ctx.versionsTable);
  const rules = DIRECTIONS[request.direction];
  const planned = tables.map((table) => {
    const from = current.get(table.name)!;
    return { table, from, plan: rules.plan(ctx.graph, from, request.target, request.force, table.info.type) };
  });
  const asked = request.existence === 'all' ? planned : planned.filter((p) => p.plan.steps.length > 0);
  const existing =
    request.existence === 'all' || asked.length > 0
      ? yield* ctx.dialect.introspector.existingTables(asked.map((p) => p.table.name))
      : new Set<string>();
  return {
    versions,
    tables: planned.map((p) => ({ ...p, exists: asked.includes(p) ? existing.has(p.table.name) : null })),
  };
}
