import type { Db } from '../dialect/db.js';
import type { TableVerification, VerifyResult } from '../verify/types.js';
import { verifyTable } from '../verify/verify-table.js';
import { recordedVersions } from './recorded.js';
import type { RunContext, TableRef } from './run-context.js';
import { isShown } from './table-selection.js';
import { readVersionRows } from './versions-store.js';

export interface VerifyOptions {
  readonly tableType?: string;
}

/**
 * Each table's live shape against the one expected at its recorded version. Read-only and without
 * the lock: one query for the versions rows, one for which tables exist, then one introspection
 * per existing table.
 */
export function* runVerify(ctx: RunContext, tables: readonly TableRef[], explicit: boolean): Db<VerifyResult> {
  const rows = yield* readVersionRows(ctx);
  const verified = yield* verifyTables(ctx, tables, explicit, rows.rows);
  return {
    status: verified.some((t) => t.findings.length > 0) ? 'drift' : 'ok',
    latest: ctx.graph.latest,
    versionsTable: { name: ctx.versionsTable, exists: rows.exists },
    tables: verified,
  };
}

/** Shared with status, which shows each table's health from the same comparison. */
export function* verifyTables(
  ctx: RunContext,
  tables: readonly TableRef[],
  explicit: boolean,
  rows: ReadonlyMap<string, string>,
  existing?: ReadonlySet<string>,
): Db<TableVerification[]> {
  const current = recordedVersions(ctx.graph, tables, { exists: true, rows }, ctx.versionsTable);
  const present = existing ?? (yield* ctx.dialect.introspector.existingTables(tables.map((t) => t.name)));
  const out: TableVerification[] = [];
  for (const table of tables) {
    const exists = present.has(table.name);
    if (!isShown(table, exists, explicit)) continue;
    const state = exists ? yield* ctx.dialect.introspector.introspect(table.name) : null;
    out.push(
      verifyTable({
        dialect: ctx.dialect,
        graph: ctx.graph,
        info: table.info,
        table: table.name,
        state,
        recorded: rows.get(table.name) ?? null,
        current: current.get(table.name)!,
        names: ctx.names,
      }),
    );
  }
  return out;
}
