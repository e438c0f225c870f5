import type { Connection, Db } from './db.js';
import { runAsync } from './db.js';
import type { Lock, LockRequest, SpanningLock } from './dialect.js';

/** Defaults for every run lock: a session lock held beside the run's transactions. */
export abstract class BaseLock implements Lock {
  abstract acquire(request: LockRequest): Db<void>;
  abstract release(request: LockRequest): Db<void>;

  /** A session lock already outlives transactions: work that commits batch by batch holds it as it is. */
  spanning(request: LockRequest, _leaseTable: string): SpanningLock {
    return {
      acquire: (conn: Connection) => runAsync(this.acquire(request), conn),
      renew: async () => {},
      release: (conn: Connection) => runAsync(this.release(request), conn),
    };
  }
}
