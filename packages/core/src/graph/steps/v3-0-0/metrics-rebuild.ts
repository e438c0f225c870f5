import { indexesFor } from '../../../catalog/indexes.js';
import type { TableDef } from '../../../catalog/types.js';
import { findColumn } from '../../../dialect/table-state.js';
import type { ColumnState, TableState } from '../../../dialect/table-state.js';
import { edit } from '../../../operations/state-edits.js';
import { task } from '../../../operations/task.js';
import type { Task, TaskContext, TaskOutcome } from '../../../operations/types.js';
import type { Statement } from '../../../sql/statement.js';
import { sql } from '../../../sql/statement.js';
import type { StepContext } from '../../types.js';
import { OWNER_KEY_COLUMNS } from './metrics-unfinished-day.js';

/** Agno's name for the table the rebuild copies from (spec §3.3.4). */
const oldName = (table: string) => `${table}_pre_v3_0_0`;

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((c) => b.includes(c));

/** Whether the table already has a unique key over exactly (user_id, date, aggregation_period): Agno's idempotence test. */
export function hasOwnerKey(state: TableState): boolean {
  return (
    state.uniqueConstraints.some((u) => sameSet(u.columns, OWNER_KEY_COLUMNS)) ||
    state.indexes.some((i) => i.unique && i.where === undefined && sameSet(i.columns, OWNER_KEY_COLUMNS))
  );
}

/** The 2.x metrics shape: the 3.0 one without user_id, keyed on (date, aggregation_period). */
export function legacyMetricsDef(latest: TableDef): TableDef {
  const keyed = latest.uniqueConstraints.length > 0;
  return {
    ...latest,
    columns: latest.columns.filter((c) => c.name !== 'user_id'),
    compositeIndexes: latest.compositeIndexes.filter((c) => !c.includes('user_id')),
    uniqueConstraints: keyed ? [{ suffix: 'uq_metrics_date_period', columns: ['date', 'aggregation_period'] }] : [],
  };
}

/** Agno refuses to rebuild a table that is not metrics-shaped (a missing column, or one the schema does not declare). */
function shapeProblem(state: TableState, target: TableDef, table: string): TaskOutcome | null {
  const declared = new Set([...target.columns.map((c) => c.name), 'user_id']);
  const missing = target.columns.filter((c) => c.name !== 'user_id' && !findColumn(state, c.name)).map((c) => c.name);
  const extra = state.columns.filter((c) => !declared.has(c.name)).map((c) => c.name);
  if (missing.length === 0 && extra.length === 0) return null;
  const what = [
    ...(missing.length ? [`lacks ${missing.join(', ')}`] : []),
    ...(extra.length ? [`has columns the metrics schema does not declare: ${extra.join(', ')}`] : []),
  ].join('; ');
  return {
    blocked: {
      check: 'table-shape',
      column: [...missing, ...extra].join(', '),
      count: missing.length + extra.length,
      examples: [...missing, ...extra],
      fixSql: `-- ${table} is rebuilt by copying the metrics columns: make it a metrics table (or give the metrics table type another name), then re-run`,
      message: `${table} is not shaped like a metrics table (${what}): Agno would stamp it without migrating; it is left as it is and not stamped`,
    },
  };
}

/**
 * SQLite cannot drop a unique key declared in CREATE TABLE, so Agno rebuilds metrics (spec
 * §3.3.4, and §3.4 for the revert): rename, drop the old indexes, create the target shape, copy,
 * drop the old table. It runs inside the step's savepoint, so it commits with the stamp or not at all.
 */
export function rebuildMetrics(ctx: StepContext, direction: 'up' | 'down'): Task {
  const target = direction === 'up' ? ctx.latest : legacyMetricsDef(ctx.latest);
  return task(
    direction === 'up' ? 'rebuild metrics with user_id and the per-user unique key' : 'rebuild metrics without user_id, keyed on the day',
    function* (t: TaskContext) {
      const problem = shapeProblem(t.state, ctx.latest, ctx.table);
      if (problem) return problem;
      for (const statement of rebuildStatements(t, target, direction)) yield* t.write(statement);
      return {};
    },
    {
      isNeeded: (state) => (direction === 'up' ? !hasOwnerKey(state) : findColumn(state, 'user_id') !== undefined),
      apply: (state) => stateOf(target, ctx.table, state),
    },
  );
}

function rebuildStatements(t: TaskContext, target: TableDef, direction: 'up' | 'down'): Statement[] {
  const d = t.dialect.emitter;
  const q = (n: string) => d.quoteIdent(n);
  const old = oldName(t.table);
  const schemaIndexes = new Set(indexesFor(target, t.table).map((i) => i.name));
  // Indexes a person added are replayed, except unique ones the target key makes wrong.
  const replayed = t.state.indexes.filter(
    (i) => !schemaIndexes.has(i.name) && (direction === 'up' ? !i.unique || i.columns.includes('user_id') : !i.columns.includes('user_id')),
  );
  const carried = target.columns.map((c) => c.name).filter((c) => c !== 'user_id' && findColumn(t.state, c));
  const hadOwner = findColumn(t.state, 'user_id') !== undefined;
  const into = [...carried, ...(direction === 'up' ? ['user_id'] : [])].map(q).join(', ');
  const from = [
    ...carried.map(q),
    ...(direction === 'up' ? [hadOwner ? `COALESCE(${q('user_id')}, ${d.placeholder(1)})` : d.placeholder(1)] : []),
  ].join(', ');
  return [
    sql(`ALTER TABLE ${d.qualify(t.table)} RENAME TO ${q(old)}`),
    ...t.state.indexes.map((i) => sql(`DROP INDEX IF EXISTS ${q(i.name)}`)),
    ...d.createTable(target, t.table, t.names),
    ...replayed.flatMap((i) =>
      d.renderOperation(
        { kind: 'createIndex', name: i.name, columns: i.columns, unique: i.unique, ...(i.where ? { where: i.where } : {}) },
        t.state,
        t,
      ),
    ),
    sql(`INSERT INTO ${d.qualify(t.table)} (${into}) SELECT ${from} FROM ${d.qualify(old)}`, direction === 'up' ? [''] : []),
    sql(`DROP TABLE ${d.qualify(old)}`),
  ];
}

/** The table as the rebuild leaves it, for the rest of a dry run's plan. */
function stateOf(target: TableDef, table: string, before: TableState): TableState {
  const columns: ColumnState[] = target.columns.map((c) => ({
    name: c.name,
    dataType: c.type.kind === 'string' ? 'varchar' : c.type.kind,
    length: null,
    nullable: c.nullable,
    defaultValue: null,
  }));
  let state: TableState = {
    ...before,
    columns,
    indexes: [],
    uniqueConstraints: target.uniqueConstraints.map((u) => ({ name: null, columns: u.columns })),
  };
  for (const c of target.columns.filter((col) => col.index)) {
    state = edit.addIndex(state, { name: `idx_${table}_${c.name}`, columns: [c.name], unique: false, valid: true });
  }
  return state;
}
