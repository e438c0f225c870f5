import type { Operation, OperationContext, PlannedOperation, Statement, StatementPlan } from '@agno-migrate/core/dialect';
import { alterClauses, alterStatements, columnTouches, fuseAlters } from '@agno-migrate/core/dialect';

/** What the plan needs of the emitter: the SQL of one operation, and an index change as an ALTER clause. */
export interface MysqlFusingEmitter {
  renderOperation(op: Operation, state: PlannedOperation['state'], ctx: OperationContext): Statement[];
  qualify(table: string): string;
  /** `ADD [UNIQUE] INDEX …` or `DROP INDEX …` for an index operation, as its own statement would write it. */
  indexClause(planned: PlannedOperation): string | undefined;
}

/** Changes the MySQL family makes as clauses of one ALTER TABLE. */
const ALTER_KINDS: ReadonlySet<Operation['kind']> = new Set([
  'addColumn',
  'dropColumn',
  'setNotNull',
  'dropDefault',
  'addPrimaryKey',
  'dropPrimaryKey',
  'addUnique',
]);
const INDEX_KINDS: ReadonlySet<Operation['kind']> = new Set(['createIndex', 'dropIndex', 'dropUnique']);

/**
 * A step's operations on MySQL and MariaDB in the fewest ALTERs: consecutive changes of the table
 * (MODIFY … NOT NULL, ADD PRIMARY KEY, DROP INDEX, ADD INDEX, ADD COLUMN …) become one
 * `ALTER TABLE … , …`, which rebuilds the table at most once; the server picks the cheapest
 * algorithm valid for the whole statement. InnoDB's DDL is atomic, so a killed run leaves the
 * combined statement done or not done, and the re-run checks the table again.
 */
export function planMysql(emitter: MysqlFusingEmitter, ops: readonly PlannedOperation[], ctx: OperationContext): StatementPlan {
  const table = emitter.qualify(ctx.table);
  return fuseAlters(ops, {
    clauses: (planned) => {
      if (INDEX_KINDS.has(planned.op.kind)) {
        const clause = emitter.indexClause(planned);
        return clause === undefined ? undefined : [clause];
      }
      if (!ALTER_KINDS.has(planned.op.kind)) return undefined;
      return alterClauses(emitter.renderOperation(planned.op, planned.state, ctx), table);
    },
    touches,
    ...alterStatements(emitter, ctx),
  }).plan;
}

/** A column is named in one clause of a statement only: MySQL resolves them against the table as it was. */
function touches(op: Operation): readonly string[] {
  const column = columnTouches(op);
  if (column) return column;
  switch (op.kind) {
    case 'addUnique':
    case 'dropUnique':
    case 'createIndex':
    case 'dropIndex':
      return [`index ${op.name}`];
    default:
      return [];
  }
}
