import type { Db } from '../dialect/db.js';
import { query } from '../dialect/db.js';
import type { Statement } from '../sql/statement.js';
import type { RunContext } from './run-context.js';

/** Runs one statement (or, in a dry run, only reports it). */
export function* execute(ctx: RunContext, tableName: string, statement: Statement, dryRun: boolean): Db<void> {
  const record = { sql: statement.sql, params: statement.params };
  ctx.emit({ type: 'statement', tableName, statement: record, dryRun });
  if (dryRun) return;
  yield* query(statement.sql, statement.params);
  ctx.emit({ type: 'statement-done', tableName, statement: record });
}

export function* executeAll(ctx: RunContext, tableName: string, statements: readonly Statement[]): Db<void> {
  for (const statement of statements) yield* execute(ctx, tableName, statement, false);
}
