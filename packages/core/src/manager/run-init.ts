import type { Db } from '../dialect/db.js';
import { recordedVersions } from './recorded.js';
import type { RunResult } from './results.js';
import type { RunContext, TableRef } from './run-context.js';
import { createTable } from './run-create.js';
import { runStatus, visitTables } from './table-loop.js';
import { readVersionRows } from './versions-store.js';
import { withLock } from './with-lock.js';
import { compareVersions } from '../versions.js';
import { ConfigurationError } from '../errors.js';

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
/** The tables Agno had at `version`: a type introduced later is left out, or refused when asked for by name. */
function existingAt(tables: readonly TableRef[], version: string, explicit: boolean): readonly TableRef[] {
  const later = tables.filter((t) => t.info.since !== undefined && compareVersions(t.info.since, version) > 0);
  if (explicit && later.length > 0) {
    const names = later.map((t) => `${t.info.type} (since ${t.info.since})`).join(', ');
    throw new ConfigurationError(`Agno ${version} had no such table: ${names}`, { value: version });
  }
  return tables.filter((t) => !later.includes(t));
}

export function* runInit(ctx: RunContext, givenTables: readonly TableRef[], options: CreateOptions): Db<RunResult> {
  let tables = givenTables;
  const dryRun = options.dryRun ?? false;
  const version = options.version === undefined ? ctx.graph.latest : ctx.graph.resolveTarget(options.version);
  tables = existingAt(tables, version, options.tableType !== undefined);
  return yield* withLock(ctx, !dryRun, function* () {
    const rows = yield* readVersionRows(ctx);
    const current = recordedVersions(ctx.graph, tables, rows, ctx.versionsTable);
    const existing = yield* ctx.dialect.introspector.existingTables(tables.map((t) => t.name));
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
