import { indexesFor } from '../../../catalog/indexes.js';
import { resolveTableType } from '../../../catalog/registry.js';
import type { IndexDef, TableDef } from '../../../catalog/types.js';
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

export interface EnsuredRunsTable {
  /** The table was there before this run (it may hold runs the copy must let win). */
  readonly existed: boolean;
  /** Secondary indexes left out of the table this run created, for `finishRunsTable` after the copy. */
  readonly deferred: boolean;
}

/**
 * Agno creates the runs table before it looks at the sessions (spec §3.2 step 1), in its 3.0 shape,
 * stamped 3.0.0. Where DDL commits statement by statement a killed run may have left it without
 * some indexes: those are added, so a table found here is whole before any row is copied.
 *
 * With `deferIndexes`, a table this run creates (empty, so nothing in it to look up) gets its
 * primary key, its foreign key and the indexes that lead with the foreign key's columns (they serve
 * the cascade from sessions and a running AgentOS's per-session reads, and the copy fills them in
 * key order); the other secondary indexes are built by `finishRunsTable` after the copy, as a bulk
 * load does, and the stamp waits for them: a stamped runs table never lacks an index. A run killed
 * before that leaves an unstamped table, which this function completes and stamps next time.
 */
export function* ensureRunsTable(ctx: TaskContext, runs: string, deferIndexes: boolean): Db<EnsuredRunsTable> {
  const def = resolveTableType('runs').define(ctx.dialect.flavor);
  const state = yield* ctx.dialect.introspector.introspect(runs);
  if (!state) {
    const created = deferIndexes ? withoutLateIndexes(def) : def;
    for (const statement of ctx.dialect.emitter.createTable(created, runs, ctx.names)) yield* ctx.write(statement);
    if (!deferIndexes) yield* ctx.stamp(runs, RUNS_TABLE_VERSION);
    return { existed: false, deferred: deferIndexes };
  }
  // A run killed before its stamp (during the copy, or between the CREATE and the stamp where DDL
  // commits on its own) left it unstamped, perhaps without its late indexes.
  yield* finishRunsTable(ctx, runs);
  return { existed: true, deferred: false };
}

/** The runs table made whole (every index of its 3.0 shape), then stamped 3.0.0. */
export function* finishRunsTable(ctx: TaskContext, runs: string): Db<void> {
  yield* completeRunsIndexes(ctx, runs);
  yield* ctx.stamp(runs, RUNS_TABLE_VERSION);
}

/**
 * Checks the live runs table and creates each of Agno's 3.0 indexes it lacks, committing after
 * each where the step has a transaction (an index build locks out writers of the runs table only
 * while it runs).
 */
export function* completeRunsIndexes(ctx: TaskContext, runs: string): Db<void> {
  const def = resolveTableType('runs').define(ctx.dialect.flavor);
  const live = yield* ctx.dialect.introspector.introspect(runs);
  // A dry run has no table to look at: it plans on the one it would have created.
  const state = live ?? { name: runs, columns: [], indexes: [], primaryKey: null, uniqueConstraints: [] };
  const opCtx = { table: runs, capabilities: ctx.capabilities };
  for (const index of indexesFor(def, runs)) {
    if (live ? findIndex(live, index.name) : !isLateIndex(def, index)) continue;
    for (const statement of ctx.dialect.emitter.renderOperation(createIndex(index.name, index.columns, index.unique), state, opCtx)) {
      yield* ctx.write(statement);
    }
    yield* ctx.commit();
  }
}

/** The indexes a bulk load may build after it: not unique, not leading with a foreign key's columns. */
export function isLateIndex(def: TableDef, index: Pick<IndexDef, 'columns' | 'unique'>): boolean {
  if (index.unique) return false;
  return !def.foreignKeys.some((fk) => fk.columns.every((column, i) => index.columns[i] === column));
}

/** The table without its late indexes (the primary key, unique ones and the foreign key's stay). */
function withoutLateIndexes(def: TableDef): TableDef {
  const keep = (columns: readonly string[]) => !isLateIndex(def, { columns, unique: false });
  return {
    ...def,
    columns: def.columns.map((c) => (c.index && !keep([c.name]) ? { ...c, index: false } : c)),
    compositeIndexes: def.compositeIndexes.filter(keep),
    namedIndexes: (def.namedIndexes ?? []).filter((n) => keep(n.columns)),
  };
}
