import type { Db, Emitter, LockRequest, SpanningLock } from '@agno-migrate/core/dialect';
import { BaseLock, LockTimeoutError, query } from '@agno-migrate/core/dialect';
import { isBusy } from './sqlite-errors.js';
import { SqliteLeaseLock } from './sqlite-lease-lock.js';

/**
 * SQLite has no server to hold a lock: the run is one IMMEDIATE transaction, which takes the
 * database's write lock up front; a second process waits for it up to the busy timeout.
 */
export function* acquireSqliteLock(request: LockRequest): Db<void> {
  // PRAGMA takes no bound parameters; the value is an integer computed here.
  yield* query(`PRAGMA busy_timeout = ${Math.max(0, Math.floor(request.timeoutMs))}`);
  try {
    yield* query('BEGIN IMMEDIATE');
  } catch (error) {
    if (isBusy(error)) {
      throw new LockTimeoutError(
        `another process is writing to this SQLite database (waited ${Math.round(request.timeoutMs / 1000)} s): ` +
          'try again when it has finished, or raise --lock-timeout',
        { lock: request.name },
        { cause: error },
      );
    }
    throw error;
  }
}

export function* releaseSqliteLock(): Db<void> {
  try {
    yield* query('COMMIT');
  } catch (error) {
    // SQLite may already have rolled the transaction back after a fatal error; nothing left to release.
    if (!(error instanceof Error && /no transaction is active/i.test(error.message))) throw error;
  }
}

export class SqliteLock extends BaseLock {
  constructor(private readonly emitter: Emitter) {
    super();
  }

  acquire(request: LockRequest): Db<void> {
    return acquireSqliteLock(request);
  }

  release(): Db<void> {
    return releaseSqliteLock();
  }

  /** The lock is the run's IMMEDIATE transaction, which work committing its own batches cannot hold: a lease row stands in. */
  override spanning(request: LockRequest, leaseTable: string): SpanningLock {
    return new SqliteLeaseLock(this.emitter, leaseTable, request.name, request.timeoutMs);
  }
}
