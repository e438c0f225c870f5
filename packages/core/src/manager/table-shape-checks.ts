import type { Db } from '../dialect/db.js';
import type { TableState } from '../dialect/table-state.js';
import { ConfigurationError } from '../errors.js';
import type { Expression } from '../sql/expression.js';
import type { Operation } from '../operations/types.js';
import type { RunContext } from './run-context.js';
import type { TablePlan, TablePlans } from './table-plans.js';
import { operationsOf } from './step-executor.js';

/** The columns Agno's versions table has, and the key its upsert relies on. */
const VERSIONS_COLUMNS = ['table_name', 'version', 'created_at', 'updated_at'] as const;

/**
 * The versions table as found, refused with one line when it is not one the run can stamp: a view
 * (or another kind of relation), a missing column, or no primary key (nor unique key) on
 * `table_name`, without which the upsert fails or, on MySQL, piles up duplicate rows. `readable`
 * says the table answered the run's read; `state` is its introspection (null: not there at all).
 */
function* checkVersionsTable(ctx: RunContext, readable: boolean, state: TableState | null): Db<void> {
  const name = ctx.versionsTable;
  if (state === null && !readable) return;
  const tables = yield* ctx.dialect.introspector.existingTables([name]);
  if (!tables.has(name)) {
    throw new ConfigurationError(
      `the versions table ${name} is a view or another kind of relation, not a table: point --versions-table at a table, or replace the view with one`,
      { table: name },
    );
  }
  if (state === null) return;
  const missing = VERSIONS_COLUMNS.filter((c) => !state.columns.some((col) => col.name === c));
  if (missing.length > 0) {
    throw new ConfigurationError(
      `the versions table ${name} has no column ${missing.join(', ')}: it is not Agno's versions table (table_name, version, created_at, updated_at); point --versions-table at another table`,
      { table: name, missing },
    );
  }
  const keyed = (columns: readonly string[]) => columns.length === 1 && columns[0] === 'table_name';
  const hasKey =
    (state.primaryKey !== null && keyed(state.primaryKey.columns)) ||
    state.uniqueConstraints.some((u) => keyed(u.columns)) ||
    state.indexes.some((i) => i.unique && i.valid && i.where === undefined && keyed(i.columns));
  if (!hasKey) {
    throw new ConfigurationError(
      `the versions table ${name} has no primary key on table_name, so a version cannot be recorded: ` +
        `add it (ALTER TABLE ${name} ADD PRIMARY KEY (table_name), after removing duplicate rows) and run again`,
      { table: name },
    );
  }
}

function expressionColumns(expr: Expression): string[] {
  if ('column' in expr) return [expr.column];
  if ('coalesce' in expr) return expr.coalesce.flatMap(expressionColumns);
  return [];
}

/** The live columns an operation reads or changes; what it adds is not required. */
function requiredColumns(op: Operation): { columns: readonly string[]; why: string } {
  switch (op.kind) {
    case 'createIndex':
      return { columns: op.columns, why: `to create index ${op.name}` };
    case 'addPrimaryKey':
      return { columns: op.columns, why: 'for the primary key' };
    case 'addUnique':
      return { columns: op.columns, why: `for unique constraint ${op.name}` };
    case 'setNotNull':
      return { columns: [op.column], why: `to make ${op.column} NOT NULL` };
    case 'backfill':
      return { columns: [op.column, ...expressionColumns(op.value)], why: `to fill ${op.column}` };
    case 'requireNoNulls':
    case 'requireUnique':
      return { columns: [op.column], why: `to check ${op.column}` };
    default:
      return { columns: [], why: '' };
  }
}

/**
 * Before anything changes, each table with steps to run must have the columns those steps work on
 * (those they do not add themselves): a table without them is not the shape its recorded version
 * says, and finding out half-way would leave a raw driver error and a half-run migration behind.
 */
function* checkColumnsForSteps(ctx: RunContext, work: readonly TablePlan[]): Db<void> {
  for (const { table, plan, from } of work) {
    const steps = plan.steps;
    if (steps.length === 0) continue;
    const state = yield* ctx.dialect.introspector.introspect(table.name);
    if (!state) continue;
    const present = new Set(state.columns.map((c) => c.name));
    for (const step of steps) {
      for (const op of operationsOf(ctx, table, step, 'up')) {
        const { columns, why } = requiredColumns(op);
        const missing = columns.filter((c) => !present.has(c));
        if (missing.length > 0) {
          throw new ConfigurationError(
            `table ${table.name} has no column ${[...new Set(missing)].join(', ')}, which the ${step.to} step needs (${why}): ` +
              `it is not Agno's ${table.info.type} table at ${from}; add the column or correct its versions row, then run again`,
            { table: table.name, missing },
          );
        }
        if (op.kind === 'addColumn') present.add(op.column.name);
        if (op.kind === 'dropColumn') present.delete(op.column);
      }
    }
  }
}

/**
 * What `up` checks before its first change, when it has work to do: the versions table can be
 * stamped, and every existing table has the columns its steps work on. A problem is one line
 * naming the table and what is wrong (exit 2); nothing has been created or changed yet.
 */
export function* checkBeforeUp(ctx: RunContext, plans: TablePlans, createMissing: boolean): Db<void> {
  const todo = plans.tables.filter((p) => p.plan.steps.length > 0 && (p.exists === true || createMissing));
  if (todo.length === 0) return;
  yield* checkVersionsTable(ctx, plans.versions.exists, yield* ctx.dialect.introspector.introspect(ctx.versionsTable));
  yield* checkColumnsForSteps(
    ctx,
    todo.filter((p) => p.exists === true),
  );
}

/** What `down` checks before its first change, when it has work to do: the versions table can be stamped. */
export function* checkBeforeDown(ctx: RunContext, plans: TablePlans): Db<void> {
  if (!plans.tables.some((p) => p.plan.steps.length > 0 && p.exists === true)) return;
  yield* checkVersionsTable(ctx, plans.versions.exists, yield* ctx.dialect.introspector.introspect(ctx.versionsTable));
}

/** What `create` checks before it creates a table: the versions table can stamp it. */
export function* checkBeforeCreate(ctx: RunContext, plans: TablePlans): Db<void> {
  if (!plans.tables.some((p) => p.exists === false)) return;
  yield* checkVersionsTable(ctx, plans.versions.exists, yield* ctx.dialect.introspector.introspect(ctx.versionsTable));
}
