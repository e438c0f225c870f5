import type { Db } from '../dialect/db.js';
import { query } from '../dialect/db.js';
import type { RequireNoNulls, RequireUnique } from '../operations/types.js';
import type { Statement } from '../sql/statement.js';
import type { BlockedDetails } from './results.js';
import type { RunContext } from './run-context.js';

const EXAMPLES = 5;

/** Runs a data precondition's query; returns what blocks the step, or null when the data is fine. */
export function* checkPrecondition(
  ctx: RunContext,
  table: string,
  op: RequireNoNulls | RequireUnique,
  statements: readonly Statement[],
): Db<BlockedDetails | null> {
  const [check] = statements;
  if (!check) return null;
  const result = yield* query(check.sql, check.params);
  const column = op.column;
  const where = ctx.dialect.qualify(table);
  if (op.kind === 'requireNoNulls') {
    const count = Number(result.rows[0]?.['n'] ?? 0);
    if (count === 0) return null;
    return {
      check: 'no-nulls',
      column,
      count,
      examples: [],
      fixSql: `DELETE FROM ${where} WHERE ${ctx.dialect.quoteIdent(column)} IS NULL;`,
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
    fixSql: ctx.dialect.duplicateFixSql(table, column),
    message: `${count} value(s) of ${column} occur more than once in ${table}, e.g. ${examples.map((e) => JSON.stringify(e)).join(', ')}`,
  };
}
