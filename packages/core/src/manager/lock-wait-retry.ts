import type { Db } from '../dialect/db.js';
import { sleep } from '../dialect/db.js';
import { DatabaseError, LockTimeoutError } from '../errors.js';
import type { RunContext } from './run-context.js';

/**
 * How long one statement may wait for a table lock before it gives up and is retried. A DDL
 * statement queued behind an application's open transaction makes every later writer of that
 * table queue behind it; a short wait bounds how long they stall, and the retry keeps the run going.
 */
export const TABLE_LOCK_WAIT_MS = 1000;

const FIRST_BACKOFF_MS = 100;
const MAX_BACKOFF_MS = 2000;

/**
 * Runs `attempt` (one step, check-before-act, rolled back whole or converging when re-run) and,
 * when a statement of it gave up waiting for a table lock (a `busy` database error: PostgreSQL's
 * lock_timeout, MySQL's lock_wait_timeout, a deadlock), runs it again after a growing pause, until
 * the run's lock timeout is spent. The waits and pauses of one step count against that budget.
 */
export function* retryLockWaits<T>(ctx: RunContext, tableName: string, attempt: () => Db<T>): Db<T> {
  const budgetMs = ctx.lock.timeoutMs;
  const started = Date.now();
  for (let retry = 1; ; retry++) {
    try {
      return yield* attempt();
    } catch (raw) {
      const error = ctx.dialect.errors.translate(raw);
      if (!(error instanceof DatabaseError) || error.code !== 'database.busy') throw raw;
      const waited = Date.now() - started;
      const pause = Math.min(backoff(retry), budgetMs - waited);
      if (pause <= 0) throw exhausted(tableName, waited, retry, error);
      ctx.emit({ type: 'table-lock-retry', tableName, attempt: retry, waitedMs: waited, message: error.message });
      yield* sleep(pause);
    }
  }
}

/** Doubling pauses with jitter, so racing runs do not retry in step with each other. */
function backoff(retry: number): number {
  const base = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** (retry - 1));
  return Math.round(base * (0.5 + Math.random() / 2));
}

function exhausted(tableName: string, waitedMs: number, attempts: number, cause: DatabaseError): LockTimeoutError {
  const seconds = Math.round(waitedMs / 100) / 10;
  return new LockTimeoutError(
    `${tableName} stayed locked by another session (an open transaction in the application?): tried ${attempts} ` +
      `time${attempts === 1 ? '' : 's'} over ${seconds} s, waiting at most ${TABLE_LOCK_WAIT_MS / 1000} s each time so writers ` +
      'never queued behind this run for longer; try again when it is free, or raise --lock-timeout',
    { table: tableName, attempts, waitedMs },
    { cause },
  );
}
