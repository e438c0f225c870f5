import { createHash } from 'node:crypto';
import type { Db, LockRequest } from '@agno-migrate/core/dialect';
import { BaseLock, DatabaseError, LockTimeoutError, query } from '@agno-migrate/core/dialect';

const MAX_LOCK_NAME = 64;

/** MySQL refuses lock names over 64 characters: a longer one becomes a stable prefix plus a hash. */
export function mysqlLockName(name: string): string {
  if (name.length <= MAX_LOCK_NAME) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 32);
  return `agno-migrate:${hash}`;
}

/**
 * GET_LOCK on the run's pinned connection: the lock belongs to the session, survives COMMIT and
 * dies with the connection. Its result must be checked: 0 is a timeout, not an error.
 */
export function* acquireMysqlLock(request: LockRequest): Db<void> {
  const name = mysqlLockName(request.name);
  // A negative timeout waits forever, which is what an infinite one means.
  const seconds = Number.isFinite(request.timeoutMs) ? Math.max(0, Math.ceil(request.timeoutMs / 1000)) : -1;
  // Tried at once first when someone wants to be told who holds it before the wait starts.
  if (request.onContended) {
    if (yield* getLock(name, 0)) return;
    request.onContended(yield* describeHolder(name));
  }
  if (yield* getLock(name, seconds)) return;
  const holder = yield* describeHolder(name);
  throw new LockTimeoutError(
    `another run holds the migration lock ${JSON.stringify(name)}${holder ? ` (${holder})` : ''} and did not release it within ${Math.max(seconds, 0)} s: ` +
      'try again when it has finished, or raise --lock-timeout',
    { lock: name },
  );
}

/** GET_LOCK's answer: 1 taken, 0 timed out; NULL means the server could not take it at all. */
function* getLock(name: string, seconds: number): Db<boolean> {
  const result = yield* query('SELECT GET_LOCK(?, ?) AS `acquired`', [name, seconds]);
  const acquired = result.rows[0]?.['acquired'];
  if (acquired == null) {
    throw new DatabaseError(`GET_LOCK(${JSON.stringify(name)}) returned NULL: the server could not take the migration lock`, {
      kind: 'other',
      lock: name,
    });
  }
  return Number(acquired) === 1;
}

/** "connection 12, app@10.0.0.5:53122" where the server lets us see it; never fails the run. */
function* describeHolder(name: string): Db<string | undefined> {
  try {
    const used = yield* query('SELECT IS_USED_LOCK(?) AS `holder`', [name]);
    const id = used.rows[0]?.['holder'];
    if (id == null) return undefined;
    const process = yield* query('SELECT USER AS `user_name`, HOST AS `host` FROM information_schema.PROCESSLIST WHERE ID = ?', [
      Number(id),
    ]);
    const row = process.rows[0];
    // Seeing other users' sessions needs the PROCESS privilege; the connection id alone still helps.
    return row ? `connection ${id}, ${String(row['user_name'])}@${String(row['host'])}` : `connection ${id}`;
  } catch {
    return undefined;
  }
}

export function* releaseMysqlLock(request: LockRequest): Db<void> {
  try {
    yield* query('SELECT RELEASE_LOCK(?) AS `released`', [mysqlLockName(request.name)]);
  } catch {
    // The lock belongs to the session: if the connection is gone, so is the lock. Reporting this
    // would hide the error that ended the run.
  }
}

/** GET_LOCK on the run's pinned connection: the server releases it when the session ends. */
export class MysqlLock extends BaseLock {
  acquire(request: LockRequest): Db<void> {
    return acquireMysqlLock(request);
  }

  release(request: LockRequest): Db<void> {
    return releaseMysqlLock(request);
  }
}
