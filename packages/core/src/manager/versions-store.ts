import type { Db } from '../dialect/db.js';
import type { Statement } from '../sql/statement.js';
import { query } from '../dialect/db.js';
import { agnoTimestamp } from './run-context.js';
import type { RunContext } from './run-context.js';
import { execute } from './execute.js';

export interface VersionRows {
  readonly exists: boolean;
  /** table name → raw recorded version */
  readonly rows: ReadonlyMap<string, string>;
}

/** One query for every row; a missing versions table reads as no rows, as in Agno. */
export function* readVersionRows(ctx: RunContext): Db<VersionRows> {
  const statement = ctx.dialect.readVersions(ctx.versionsTable);
  try {
    const result = yield* query(statement.sql, statement.params);
    const rows = new Map<string, string>();
    for (const row of result.rows) rows.set(String(row['table_name']), row['version'] == null ? '' : String(row['version']));
    return { exists: true, rows };
  } catch (error) {
    if (ctx.dialect.isUndefinedTable(error)) return { exists: false, rows: new Map() };
    throw error;
  }
}

export function* ensureVersionsTable(ctx: RunContext, known: { exists: boolean }): Db<void> {
  if (known.exists) return;
  const state = yield* ctx.dialect.introspect(ctx.versionsTable);
  if (!state) {
    for (const statement of [...(yield* namespaceStatements(ctx)), ...ctx.dialect.createVersionsTable(ctx.versionsTable)]) {
      yield* execute(ctx, ctx.versionsTable, statement, false);
    }
  }
  known.exists = true;
}

export function* stamp(ctx: RunContext, tableName: string, version: string): Db<void> {
  const statement = ctx.dialect.upsertVersion(ctx.versionsTable, { tableName, version }, agnoTimestamp(ctx.now));
  yield* execute(ctx, tableName, statement, false);
}

/** CREATE SCHEMA / DATABASE only when the namespace is missing (or the dialect cannot tell). */
export function* namespaceStatements(ctx: RunContext): Db<Statement[]> {
  const exists = ctx.dialect.namespaceExists ? yield* ctx.dialect.namespaceExists() : false;
  return exists ? [] : ctx.dialect.createNamespace();
}
