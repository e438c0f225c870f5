import type { Db } from '../dialect/db.js';
import { recordedVersions } from './recorded.js';
import type { StatusResult } from './results.js';
import type { RunContext, TableRef } from './run-context.js';
import { verifyTables } from './run-verify.js';
import { isShown } from './table-scope.js';
import { readVersionRows } from './versions-store.js';
import { availableOn } from '../catalog/registry.js';

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
  const rows = yield* readVersionRows(ctx);
  const current = recordedVersions(ctx.graph, tables, rows, ctx.versionsTable);
  const existing = yield* ctx.dialect.introspector.existingTables(tables.map((t) => t.name));
  const explicit = options.explicit ?? false;
  const shown = tables.filter((t) => isShown(t, existing.has(t.name), explicit, ctx.dialect.flavor));
  const health = options.health
    ? new Map((yield* verifyTables(ctx, shown, explicit, rows.rows, existing)).map((v) => [v.tableName, v.health]))
    : undefined;
  const notices = yield* readNotices(
    ctx,
    shown.filter((t) => existing.has(t.name)),
    current,
  );
  return {
    target,
    latest: ctx.graph.latest,
    versionsTable: { name: ctx.versionsTable, exists: rows.exists },
    tables: shown.map((t) => {
      const now = current.get(t.name)!;
      const word = health?.get(t.name);
      const plan = ctx.graph.planUp(now, target, false, t.info.type);
      return {
        tableType: t.info.type,
        tableName: t.name,
        exists: existing.has(t.name),
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

/** One read per table whose type has a step with something to say (learnings' pre-3.0 keys). */
function* readNotices(ctx: RunContext, tables: readonly TableRef[], current: ReadonlyMap<string, string>): Db<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  for (const table of tables) {
    if (!availableOn(table.info, ctx.dialect.flavor)) continue;
    for (const step of ctx.graph.steps) {
      const notice = step.tables[table.info.type]?.notice;
      if (!notice) continue;
      const text = yield* notice({ table: table.name, dialect: ctx.dialect, current: current.get(table.name)! });
      if (text !== null) found.set(table.name, [...(found.get(table.name) ?? []), text]);
    }
  }
  return found;
}
