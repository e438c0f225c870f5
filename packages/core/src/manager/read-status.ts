import { availableOn } from '../catalog/registry.js';
import type { Db } from '../dialect/db.js';
import type { TableHealth } from '../verify/types.js';
import type { StatusResult } from './results.js';
import type { RunContext, TableRef } from './run-context.js';
import { verifyTables } from './run-verify.js';
import type { TablePlan } from './table-plans.js';
import { planTables } from './table-plans.js';
import { isShown } from './table-selection.js';

export interface ReadStatusOptions {
  /** The table type was named by the caller: shown even when Agno would not have created it yet. */
  readonly explicit?: boolean;
  /** Also compare each existing table with its expected shape (one introspection per table). */
  readonly health?: boolean;
}

/** Read-only: two queries whatever the number of tables (versions rows, table existence), plus one introspection per table for health. */
export function* readStatus(
  ctx: RunContext,
  tables: readonly TableRef[],
  targetVersion?: string,
  options: ReadStatusOptions = {},
): Db<StatusResult> {
  const target = targetVersion === undefined ? ctx.graph.latest : ctx.graph.resolveTarget(targetVersion);
  // What `up` to the target would do, planned as `up` plans it.
  const plans = yield* planTables(ctx, tables, { direction: 'up', target, force: false, existence: 'all' });
  const rows = plans.versions;
  const existing = new Set(plans.tables.filter((p) => p.exists === true).map((p) => p.table.name));
  const explicit = options.explicit ?? false;
  const shown = plans.tables.filter((p) => isShown(p.table, p.exists === true, explicit));
  const health = options.health ? yield* readHealth(ctx, shown, explicit, rows.rows, existing) : undefined;
  const notices = yield* readNotices(
    ctx,
    shown.filter((p) => p.exists === true),
  );
  return {
    target,
    latest: ctx.graph.latest,
    versionsTable: { name: ctx.versionsTable, exists: rows.exists },
    tables: shown.map(({ table: t, from: now, exists, plan }) => {
      const word = health?.get(t.name);
      return {
        tableType: t.info.type,
        tableName: t.name,
        exists: exists === true,
        recorded: rows.rows.get(t.name) ?? null,
        current: now,
        latest: ctx.graph.latest,
        pending: plan.steps.map((s) => s.to),
        ...(plan.held ? { held: plan.held } : {}),
        ...(word ? { health: word } : ctx.graph.isNewer(now) ? { health: 'newer' as const } : {}),
        ...(notices.has(t.name) ? { notices: notices.get(t.name)! } : {}),
      };
    }),
  };
}

/** verify's comparison of each shown table, as one word per table. */
function* readHealth(
  ctx: RunContext,
  shown: readonly TablePlan[],
  explicit: boolean,
  rows: ReadonlyMap<string, string>,
  existing: ReadonlySet<string>,
): Db<Map<string, TableHealth>> {
  const verified = yield* verifyTables(
    ctx,
    shown.map((p) => p.table),
    explicit,
    rows,
    existing,
  );
  return new Map(verified.map((v) => [v.tableName, v.health]));
}

/** One read per table whose type has a step with something to say (learnings' pre-3.0 keys). */
function* readNotices(ctx: RunContext, tables: readonly TablePlan[]): Db<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  for (const { table, from } of tables) {
    if (!availableOn(table.info, ctx.dialect.flavor)) continue;
    for (const step of ctx.graph.steps) {
      const notice = step.tables[table.info.type]?.notice;
      if (!notice) continue;
      const text = yield* notice({ table: table.name, dialect: ctx.dialect, current: from });
      if (text !== null) found.set(table.name, [...(found.get(table.name) ?? []), text]);
    }
  }
  return found;
}
