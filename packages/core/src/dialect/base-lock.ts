import type { Db } from './db.js';
import type { Lock, LockRequest } from './dialect.js';

/** Defaults for every run lock: a session lock held beside the run's transactions. */
export abstract class BaseLock implements Lock {
  abstract acquire(request: LockRequest): Db<void>;
  abstract release(request: LockRequest): Db<void>;

  readonly heldByTransaction: boolean = false;
}
