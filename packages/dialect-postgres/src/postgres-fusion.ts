import type {
  AlterFusionRules,
  ColumnState,
  Expression,
  FusedPlan,
  Operation,
  OperationContext,
  PlannedOperation,
  Statement,
  StatementPlan,
} from '@agno-migrate/core/dialect';
import { alterClauses, alterStatements, columnTouches, findColumn, fuseAlters } from '@agno-migrate/core/dialect';

/** What the plan needs of the emitter: the SQL of one operation and how names and values are written. */
export interface FusingEmitter {
  renderOperation(op: Operation, state: PlannedOperation['state'], ctx: OperationContext): Statement[];
  qualify(table: string): string;
  quoteIdent(name: string): string;
  stringLiteral(value: string): string;
}

/** Changes PostgreSQL makes as clauses of one ALTER TABLE (each rewrite rebuilds every index once). */
const ALTER_KINDS: ReadonlySet<Operation['kind']> = new Set([
  'addColumn',
  'dropColumn',
  'setNotNull',
  'dropDefault',
  'jsonToJsonb',
  'addPrimaryKey',
  'dropPrimaryKey',
  'addUnique',
  'dropUnique',
  'dropUniqueByColumns',
]);

/** What may still join a combined statement once an index build waits for it: none of them drops what an index needs. */
const SAFE_AFTER_INDEX: ReadonlySet<Operation['kind']> = new Set(['addColumn', 'jsonToJsonb', 'setNotNull', 'dropDefault']);

/**
 * A step's operations on PostgreSQL in the fewest rewrites: consecutive column and key changes
 * become one `ALTER TABLE … , …` (seven JSON → JSONB columns rewrite the table once, not seven
 * times), an index is built after the rewrite instead of being rebuilt by it, and a backfill
 * followed by a type change of other columns becomes a `USING` expression of that same rewrite.
 */
export function planPostgres(emitter: FusingEmitter, ops: readonly PlannedOperation[], ctx: OperationContext): StatementPlan {
  // A backfill folds into the rewrite only where there is one; else it stays an UPDATE.
  const plainBackfills = new Set<number>();
  for (;;) {
    const fused = fuseAlters(ops, rules(emitter, ctx, plainBackfills));
    const lonely = usingWithoutRewrite(ops, fused);
    if (lonely.length === 0) return fused.plan;
    for (const index of lonely) plainBackfills.add(index);
  }
}

function rules(emitter: FusingEmitter, ctx: OperationContext, plainBackfills: ReadonlySet<number>): AlterFusionRules {
  const table = emitter.qualify(ctx.table);
  return {
    clauses: ({ op, state }, index) => {
      if (op.kind === 'backfill') return plainBackfills.has(index) ? undefined : usingClause(emitter, op.column, op.value, state);
      if (!ALTER_KINDS.has(op.kind)) return undefined;
      return alterClauses(emitter.renderOperation(op, state, ctx), table);
    },
    touches,
    runsAfter: ({ op }) => op.kind === 'createIndex',
    // The backfilled column must exist before the statement that rewrites it: it starts one.
    joins: ({ op }, _members, afterIndex) => op.kind !== 'backfill' && (!afterIndex || SAFE_AFTER_INDEX.has(op.kind)),
    ...alterStatements(emitter, ctx),
  };
}

function touches(op: Operation): readonly string[] {
  const column = columnTouches(op);
  if (column) return column;
  switch (op.kind) {
    case 'addUnique':
    case 'dropUnique':
      return [`key ${op.name}`];
    case 'dropUniqueByColumns':
      return [`unique key on ${op.columns.join(', ')}`];
    default:
      // A backfill's USING clause rewrites its column, which the SET NOT NULL after it then checks.
      return [];
  }
}

/** The groups a USING backfill starts that change no type: there an UPDATE is the one pass. */
function usingWithoutRewrite(ops: readonly PlannedOperation[], fused: FusedPlan): number[] {
  return fused.groups
    .filter((g) => ops[g.owner]?.op.kind === 'backfill' && !g.members.some((m) => ops[m]?.op.kind === 'jsonToJsonb'))
    .map((g) => g.owner);
}

/**
 * `UPDATE … SET c = v WHERE c IS NULL` as a clause of the rewrite: the same type, with each row's
 * value `COALESCE(c, v)`. Only where `v` is written with literals (DDL takes no parameters), the
 * column's type is one this can restate exactly, and no trigger of the table expects the UPDATE.
 */
function usingClause(emitter: FusingEmitter, column: string, value: Expression, state: PlannedOperation['state']): string[] | undefined {
  // Triggers not read (absent) count as there.
  if (state.userTriggers !== false) return undefined;
  const current = findColumn(state, column);
  const type = current ? restatedType(current) : undefined;
  const v = literalExpression(emitter, value);
  if (type === undefined || v === undefined) return undefined;
  const c = emitter.quoteIdent(column);
  return [`ALTER COLUMN ${c} TYPE ${type} USING COALESCE(${c}, ${v})`];
}

const RESTATED: Readonly<Record<string, string>> = { bigint: 'BIGINT', integer: 'INTEGER', text: 'TEXT', boolean: 'BOOLEAN' };

function restatedType(column: ColumnState): string | undefined {
  if (column.dataType === 'varchar' || column.dataType === 'string') return column.length ? `VARCHAR(${column.length})` : 'VARCHAR';
  return RESTATED[column.dataType];
}

function literalExpression(emitter: FusingEmitter, expr: Expression): string | undefined {
  if ('column' in expr) return emitter.quoteIdent(expr.column);
  if ('value' in expr) {
    const v = expr.value;
    if (v === null) return 'NULL';
    if (typeof v === 'number') return Number.isSafeInteger(v) ? String(v) : undefined;
    return emitter.stringLiteral(v);
  }
  const parts = expr.coalesce.map((e) => literalExpression(emitter, e));
  return parts.every((p) => p !== undefined) ? `COALESCE(${parts.join(', ')})` : undefined;
}
