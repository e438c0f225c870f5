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
  /**
   * Create the tables in their shape at this version (a known one), stamped with it, instead of the
   * latest: for a writer that needs an older shape (v1-to-v2 writes Agno 2.x sessions).
   */
  readonly version?: string;
}

/** `init`: create the missing tables at the latest schema and stamp them; existing ones are left alone. */
export function* runInit(ctx: RunContext, tables: readonly TableRef[], options: CreateOptions): Db<RunResult> {
  const dryRun = options.dryRun ?? false;
  const version = options.version === undefined ? ctx.graph.latest : ctx.graph.resolveTarget(options.version);
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
          return yield* createTable(ctx, table, versions, dryRun, version);
        },
      })),
    );
    const result: RunResult = { command: 'create', dryRun, targetVersion: version, status: runStatus(results), tables: results };
    ctx.emit({ type: 'run-done', result });
    return result;
  });
}
