import type { Db } from '../dialect/db.js';
import { query } from '../dialect/db.js';
import { nameBytes } from '../operations/require-name-fits.js';
import type { Precondition, RequireNameFits, RequireNoData } from '../operations/specs.js';
import type { Statement } from '../sql/statement.js';
import type { BlockedDetails } from './results.js';
import type { RunContext } from './run-context.js';

const EXAMPLES = 5;

/** Runs a data precondition's query; returns what blocks the step, or null when the data is fine. */
export function* checkPrecondition(
  ctx: RunContext,
  table: string,
  op: Precondition,
  statements: readonly Statement[],
): Db<BlockedDetails | null> {
  if (op.kind === 'requireNameFits') return nameTooLong(ctx, table, op);
  const [check] = statements;
  if (!check) return null;
  const result = yield* query(check.sql, check.params);
  const column = op.column;
  if (op.kind === 'requireNoData') return dataWouldBeLost(ctx, table, op, Number(result.rows[0]?.['n'] ?? 0));
  if (op.kind === 'requireNoNulls') {
    const count = Number(result.rows[0]?.['n'] ?? 0);
    if (count === 0) return null;
    return {
      check: 'no-nulls',
      column,
      count,
      examples: [],
      fixSql: ctx.dialect.emitter.nullFixSql(table, column),
      message: `${count} row(s) of ${table} have a NULL ${column}`,
    };
  }
  const count = result.rows.length;
  if (count === 0) return null;
  const examples = result.rows.slice(0, EXAMPLES).map((r) => r['value']);
  return {
    check: 'unique',
    column,
    count,
    examples,
    fixSql: ctx.dialect.emitter.duplicateFixSql(table, column),
    message: `${count} value(s) of ${column} occur more than once in ${table}, e.g. ${examples.map((e) => JSON.stringify(e)).join(', ')}`,
  };
}

/** A revert that would drop values it cannot keep anywhere refuses; `force` is the way through. */
function dataWouldBeLost(ctx: RunContext, table: string, op: RequireNoData, count: number): BlockedDetails | null {
  if (count === 0) return null;
  return {
    check: 'no-data',
    column: op.column,
    count,
    examples: [],
    fixSql: `-- the rows whose ${op.column} the revert would drop; re-run with --force to drop it anyway:\n${ctx.dialect.emitter.droppedDataSql(table, op.column, op.carriesNothing)}`,
    message: `${count} row(s) of ${table} hold data in ${op.column}, which the revert drops: re-run with force to drop it anyway`,
  };
}

function nameTooLong(ctx: RunContext, table: string, op: RequireNameFits): BlockedDetails {
  const limit = ctx.dialect.capabilities.maxIdentifierBytes;
  const bytes = nameBytes(op.name);
  const shortest = nameBytes(table) - (bytes - limit);
  return {
    check: 'name-length',
    column: '',
    count: 1,
    examples: [op.name],
    fixSql: `-- rename the table to at most ${shortest} bytes, then migrate it under its new name (--table ${typeOf(ctx, table)}=<new name>):\n${ctx.dialect.emitter.renameTableSql(table, '<new name>')}`,
    message: `${op.why} would be named ${op.name} (${bytes} bytes; ${ctx.dialect.name} allows ${limit}): rename ${table} to at most ${shortest} bytes`,
  };
}

function typeOf(ctx: RunContext, table: string): string {
  return Object.entries(ctx.names).find(([, name]) => name === table)?.[0] ?? '<type>';
}
