import type { Db } from '../dialect/db.js';
import { recordedVersions } from './recorded.js';
import type { RunResult } from './results.js';
import type { RunContext, TableRef } from './run-context.js';
import { createTable } from './run-create.js';
import { runStatus, visitTables } from './table-loop.js';
import { readVersionRows } from './versions-store.js';
import { withLock } from './with-lock.js';

export interface CreateOptions {
  readonly tableType?: string;
  readonly dryRun?: boolean;
}

/** `init`: create the missing tables at the latest schema and stamp them; existing ones are left alone. */
export function* runInit(ctx: RunContext, tables: readonly TableRef[], options: CreateOptions): Db<RunResult> {
  const dryRun = options.dryRun ?? false;
  return yield* withLock(ctx, !dryRun, function* () {
    const rows = yield* readVersionRows(ctx);
    const current = recordedVersions(ctx.graph, tables, rows, ctx.versionsTable);
    const existing = yield* ctx.dialect.existingTables(tables.map((t) => t.name));
    const versions = { exists: rows.exists };
    const results = yield* visitTables(
      ctx,
      tables.map((table) => ({
        table,
        from: current.get(table.name)!,
        reached: () => current.get(table.name)!,
        *run() {
          const from = current.get(table.name)!;
          if (existing.has(table.name)) {
            return { tableType: table.info.type, tableName: table.name, from, to: from, outcome: 'exists' as const, steps: [] };
          }
          return yield* createTable(ctx, table, versions, dryRun);
        },
      })),
    );
    const result: RunResult = { command: 'create', dryRun, targetVersion: ctx.graph.latest, status: runStatus(results), tables: results };
    ctx.emit({ type: 'run-done', result });
    return result;
  });
}
