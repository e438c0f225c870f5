import type { Db, QueryResult } from '../dialect/db.js';
import { query } from '../dialect/db.js';
import type { TableState } from '../dialect/table-state.js';
import type { OperationContext, Task, TaskOutcome } from '../operations/types.js';
import type { Statement } from '../sql/statement.js';
import { execute } from './execute.js';
import type { StatementRecord } from './results.js';
import type { RunContext } from './run-context.js';

/** Drives a data task: its writes go through `execute` (events, dry run), its reads straight to the database. */
export function* runTask(
  ctx: RunContext,
  op: Task,
  state: TableState,
  opCtx: OperationContext,
  dryRun: boolean,
): Db<{ outcome: TaskOutcome; statements: StatementRecord[] }> {
  const statements: StatementRecord[] = [];
  const outcome = yield* op.run({
    ...opCtx,
    dialect: ctx.dialect,
    state,
    names: ctx.names,
    dryRun,
    now: Math.floor(ctx.now.getTime() / 1000),
    options: ctx.taskOptions ?? {},
    *write(statement: Statement): Db<QueryResult | undefined> {
      statements.push({ sql: statement.sql, params: statement.params });
      if (dryRun) {
        yield* execute(ctx, opCtx.table, statement, true);
        return undefined;
      }
      ctx.emit({ type: 'statement', tableName: opCtx.table, statement: { sql: statement.sql, params: statement.params }, dryRun });
      const result = yield* query(statement.sql, statement.params);
      ctx.emit({ type: 'statement-done', tableName: opCtx.table, statement: { sql: statement.sql, params: statement.params } });
      return result;
    },
    read: (statement: Statement) => query(statement.sql, statement.params),
    progress(done, total, unit) {
      ctx.emit({ type: 'task-progress', tableName: opCtx.table, description: op.description, done, total, unit });
    },
  });
  return { outcome, statements };
}
