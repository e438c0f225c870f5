import { indexesFor } from '../../../catalog/indexes.js';
import { resolveTableType } from '../../../catalog/registry.js';
import type { Db } from '../../../dialect/db.js';
import type { RunsSql, RunsTables } from '../../../dialect/runs-sql.js';
import { findIndex } from '../../../dialect/table-state.js';
import { DatabaseError } from '../../../errors.js';
import { createIndex } from '../../../operations/create-index.js';
import type { TaskContext } from '../../../operations/types.js';

export const RUNS_TABLE_VERSION = '3.0.0';

/** The tables of the copy and the dialect's SQL for it, or a clear error for a dialect without one. */
export function runsCopyOf(ctx: TaskContext): { sql: RunsSql; tables: RunsTables } {
  const sql = ctx.dialect.emitter.runsSql?.();
  if (!sql) {
    throw new DatabaseError(`the ${ctx.dialect.name} dialect cannot copy session runs into the runs table (it has no runs SQL)`, {
      kind: 'other',
    });
  }
  return { sql, tables: { sessions: ctx.table, runs: ctx.names['runs'] ?? resolveTableType('runs').defaultName } };
}

/**
 * Agno creates the runs table before it looks at the sessions (spec §3.2 step 1), in its 3.0 shape,
 * stamped 3.0.0. Where DDL commits statement by statement a killed run may have left it without
 * some indexes: those are added, so the table is whole before any row is copied.
 * Returns whether the table existed before.
 */
export function* ensureRunsTable(ctx: TaskContext, runs: string): Db<boolean> {
  const def = resolveTableType('runs').define(ctx.dialect.flavor);
  const state = yield* ctx.dialect.introspector.introspect(runs);
  if (!state) {
    for (const statement of ctx.dialect.emitter.createTable(def, runs, ctx.names)) yield* ctx.write(statement);
    yield* ctx.stamp(runs, RUNS_TABLE_VERSION);
    return false;
  }
  const opCtx = { table: runs, capabilities: ctx.capabilities };
  for (const index of indexesFor(def, runs)) {
    if (findIndex(state, index.name)) continue;
    for (const statement of ctx.dialect.emitter.renderOperation(createIndex(index.name, index.columns, index.unique), state, opCtx)) {
      yield* ctx.write(statement);
    }
  }
  // A run killed between the CREATE and the stamp (DDL committing on its own) left it unstamped.
  yield* ctx.stamp(runs, RUNS_TABLE_VERSION);
  return true;
}
