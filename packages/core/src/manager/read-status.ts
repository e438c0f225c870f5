import type { Db } from '../dialect/db.js';
import { recordedVersions } from './recorded.js';
import type { StatusResult } from './results.js';
import type { RunContext, TableRef } from './run-context.js';
import { readVersionRows } from './versions-store.js';

/** Read-only: two queries whatever the number of tables (versions rows, table existence). */
export function* readStatus(ctx: RunContext, tables: readonly TableRef[], targetVersion?: string): Db<StatusResult> {
  const target = targetVersion === undefined ? ctx.graph.latest : ctx.graph.resolveTarget(targetVersion);
  const rows = yield* readVersionRows(ctx);
  const current = recordedVersions(ctx.graph, tables, rows, ctx.versionsTable);
  const existing = yield* ctx.dialect.existingTables(tables.map((t) => t.name));
  return {
    target,
    latest: ctx.graph.latest,
    versionsTable: { name: ctx.versionsTable, exists: rows.exists },
    tables: tables.map((t) => {
      const now = current.get(t.name)!;
      return {
        tableType: t.info.type,
        tableName: t.name,
        exists: existing.has(t.name),
        recorded: rows.rows.get(t.name) ?? null,
        current: now,
        latest: ctx.graph.latest,
        pending: ctx.graph.planUp(now, target).steps.map((s) => s.to),
      };
    }),
  };
}
