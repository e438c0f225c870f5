import type { Db } from '../dialect/db.js';
import type { DatabaseErrorKind } from '../errors.js';
import { DatabaseError, VersionsTableError } from '../errors.js';
import type { Statement } from '../sql/statement.js';
import { query } from '../dialect/db.js';
import { indexesFor } from '../catalog/indexes.js';
import { VERSIONS_TABLE } from '../catalog/registry.js';
import type { TableState } from '../dialect/table-state.js';
import { createIndex, createIndexSpec } from '../operations/create-index.js';
import { agnoTimestamp } from './run-context.js';
import type { RunContext } from './run-context.js';
import { execute, executeAll } from './execute.js';
import { inStepTransaction } from './step-transaction.js';

export interface VersionRows {
  readonly exists: boolean;
  /** table name → raw recorded version */
  readonly rows: ReadonlyMap<string, string>;
}

/** One query for every row; a missing versions table reads as no rows, as in Agno. */
export function* readVersionRows(ctx: RunContext): Db<VersionRows> {
  const statement = ctx.dialect.emitter.readVersions(ctx.versionsTable);
  try {
    const result = yield* query(statement.sql, statement.params);
    const rows = new Map<string, string>();
    for (const row of result.rows) rows.set(String(row['table_name']), row['version'] == null ? '' : String(row['version']));
    return { exists: true, rows };
  } catch (error) {
    if (ctx.dialect.errors.isUndefinedTable(error)) return { exists: false, rows: new Map() };
    throw error;
  }
}

/**
 * Creates the versions table, or completes one that a killed run left without its index: where DDL
 * commits statement by statement, "the table exists" does not mean "the table is whole". Checked
 * once per run, and only by runs that have something to stamp.
 */
export function* ensureVersionsTable(ctx: RunContext, known: { exists: boolean; complete?: boolean }): Db<void> {
  if (known.complete) return;
  const state = yield* ctx.dialect.introspector.introspect(ctx.versionsTable);
  const statements = state
    ? missingVersionsIndexes(ctx, state)
    : [...(yield* namespaceStatements(ctx)), ...ctx.dialect.emitter.createVersionsTable(ctx.versionsTable)];
  if (statements.length > 0) {
    try {
      // Where DDL is transactional, the table and its index appear together or not at all.
      yield* inStepTransaction(ctx, ctx.versionsTable, () => executeAll(ctx, ctx.versionsTable, statements));
    } catch (raw) {
      const error = ctx.dialect.errors.translate(raw);
      const kind = error instanceof DatabaseError ? error.code.replace(/^database\./, '') : 'other';
      const what = state ? 'completed (its index is missing)' : 'created';
      throw new VersionsTableError(
        `the versions table ${ctx.versionsTable} could not be ${what}: ${error.message}`,
        {
          kind: kind as DatabaseErrorKind,
          table: ctx.versionsTable,
        },
        { cause: raw },
      );
    }
  }
  known.exists = true;
  known.complete = true;
}

function missingVersionsIndexes(ctx: RunContext, state: TableState): Statement[] {
  const opCtx = { table: ctx.versionsTable, capabilities: ctx.dialect.capabilities };
  return indexesFor(VERSIONS_TABLE.define(ctx.dialect.flavor), ctx.versionsTable)
    .map((index) => createIndex(index.name, index.columns, index.unique))
    .filter((op) => createIndexSpec.isNeeded(op, state, opCtx))
    .flatMap((op) => ctx.dialect.emitter.renderOperation(op, state, opCtx));
}

export function* stamp(ctx: RunContext, tableName: string, version: string): Db<void> {
  const statement = ctx.dialect.emitter.upsertVersion(ctx.versionsTable, { tableName, version }, agnoTimestamp(ctx.now));
  yield* execute(ctx, tableName, statement, false);
}

/** CREATE SCHEMA / DATABASE only when the namespace is missing (or the dialect cannot tell). */
export function* namespaceStatements(ctx: RunContext): Db<Statement[]> {
  const exists = ctx.dialect.introspector.namespaceExists ? yield* ctx.dialect.introspector.namespaceExists() : false;
  return exists ? [] : ctx.dialect.emitter.createNamespace();
}
