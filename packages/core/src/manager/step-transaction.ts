import type { Db } from '../dialect/db.js';
import type { StepTransaction } from '../dialect/dialect.js';
import type { Statement } from '../sql/statement.js';
import { executeAll } from './execute.js';
import type { RunContext } from './run-context.js';

export interface StepTransactionOptions<T> {
  /** A dry run writes nothing, so it opens no transaction either. */
  readonly dryRun?: boolean;
  /** Whether the work is kept; false rolls it back (a step that data blocked). Default: always kept. */
  readonly keep?: (result: T) => boolean;
}

/**
 * Brackets one unit of work (a step with its stamp, a created table with its stamp, the versions
 * table with its index) in the dialect's step transaction, so where DDL is transactional it lands
 * whole or not at all. Where DDL commits on its own there is no transaction and `body` just runs.
 * `body` gets the transaction so a long data task can commit part-way.
 */
export function* inStepTransaction<T>(
  ctx: RunContext,
  tableName: string,
  body: (transaction: StepTransaction | null) => Db<T>,
  options: StepTransactionOptions<T> = {},
): Db<T> {
  const transaction = options.dryRun ? null : ctx.dialect.emitter.stepTransaction();
  if (!transaction) return yield* body(null);
  yield* executeAll(ctx, tableName, transaction.begin);
  try {
    const result = yield* body(transaction);
    const keep = options.keep?.(result) ?? true;
    yield* executeAll(ctx, tableName, keep ? transaction.commit : transaction.rollback);
    return result;
  } catch (error) {
    yield* rollbackQuietly(ctx, tableName, transaction.rollback);
    throw error;
  }
}

/** A failed rollback must not hide the error that caused it: the caller rethrows that one. */
function* rollbackQuietly(ctx: RunContext, tableName: string, statements: readonly Statement[]): Db<void> {
  try {
    yield* executeAll(ctx, tableName, statements);
  } catch {
    // deliberately ignored
  }
}
