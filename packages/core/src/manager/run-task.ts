import type { Db, QueryResult } from '../dialect/db.js';
import { query } from '../dialect/db.js';
import type { TableState } from '../dialect/table-state.js';
import type { OperationContext, Task, TaskOutcome } from '../operations/types.js';
import type { Statement } from '../sql/statement.js';
import { execute, executeAll } from './execute.js';
import type { StepTransaction } from '../dialect/dialect.js';
import { agnoTimestamp } from './run-context.js';
import { readVersionRows } from './versions-store.js';
import type { StatementRecord } from './results.js';
import type { RunContext } from './run-context.js';

/** Drives a data task: its writes go through `execute` (events, dry run), its reads straight to the database. */
export function* runTask(
  ctx: RunContext,
  op: Task,
  state: TableState,
  opCtx: OperationContext,
  dryRun: boolean,
  transaction: StepTransaction | null = null,
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
    progress(done, total, unit, also) {
      ctx.emit({
        type: 'task-progress',
        tableName: opCtx.table,
        description: op.description,
        done,
        total,
        unit,
        ...(also ? { also } : {}),
      });
    },
    *commit(): Db<void> {
      if (dryRun || !transaction) return;
      yield* executeAll(ctx, opCtx.table, [...transaction.commit, ...transaction.begin]);
    },
    *stamp(table: string, version: string): Db<void> {
      // A row already there (this tool's, or a newer Agno's) is left as it is.
      if ((yield* readVersionRows(ctx)).rows.has(table)) return;
      const statement = ctx.dialect.emitter.upsertVersion(ctx.versionsTable, { tableName: table, version }, agnoTimestamp(ctx.now));
      statements.push({ sql: statement.sql, params: statement.params });
      yield* execute(ctx, table, statement, dryRun);
    },
  });
  return { outcome, statements };
}
