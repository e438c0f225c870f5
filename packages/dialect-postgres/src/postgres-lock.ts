import type { Db, LockRequest } from '@agno-migrate/core/dialect';
import { BaseLock, LockTimeoutError, query } from '@agno-migrate/core/dialect';
import { isConnectionLost, sqlState } from './postgres-errors.js';

/** First key of every agno-migrate advisory lock: "agno" in ASCII, so `pg_locks` shows whose it is. */
export const LOCK_CLASS_ID = 0x61676e6f;

/** 32-bit FNV-1a of the name's UTF-8 bytes: stable across processes and versions, unlike hashtext(). */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** The (int4, int4) advisory-lock key for a lock name; the second key is signed, as int4 is. */
export function lockKey(name: string): readonly [number, number] {
  return [LOCK_CLASS_ID, fnv1a32(name) | 0];
}

/**
 * A session advisory lock on the pinned connection. The uncontended case costs one round trip;
 * only when another session holds the lock does the wait run under `lock_timeout`.
 */
export function* acquirePostgresLock(request: LockRequest, schema: string): Db<void> {
  const [classId, objId] = lockKey(request.name);
  const tried = yield* query('SELECT pg_try_advisory_lock($1, $2) AS locked', [classId, objId]);
  if (tried.rows[0]?.['locked'] === true) return;
  if (request.onContended) request.onContended((yield* describeHolder(classId, objId)).summary);

  const timeoutMs = Math.max(1, Math.floor(request.timeoutMs));
  yield* query('SELECT set_config($1, $2, false)', ['lock_timeout', `${timeoutMs}ms`]);
  let timedOut: unknown;
  try {
    yield* query('SELECT pg_advisory_lock($1, $2)', [classId, objId]);
  } catch (error) {
    if (sqlState(error) !== '55P03') throw error;
    timedOut = error;
  } finally {
    yield* resetLockTimeout();
  }
  if (timedOut === undefined) return;
  const holder = yield* describeHolder(classId, objId);
  throw new LockTimeoutError(
    `another migration run holds the agno-migrate lock on schema ${JSON.stringify(schema)}${holder.text}; ` +
      `waited ${formatSeconds(timeoutMs)}: try again when it has finished, or raise the lock timeout (--lock-timeout)`,
    { lock: request.name, ...holder.details },
    { cause: timedOut },
  );
}

/** The wait's timeout must not outlive it: later DDL on a caller's own client would inherit it. */
function* resetLockTimeout(): Db<void> {
  try {
    yield* query('RESET lock_timeout');
  } catch (error) {
    if (!isConnectionLost(error)) throw error;
  }
}

export function* releasePostgresLock(request: LockRequest): Db<void> {
  const [classId, objId] = lockKey(request.name);
  try {
    yield* query('SELECT pg_advisory_unlock($1, $2)', [classId, objId]);
  } catch (error) {
    // A lost session has released its locks already; reporting that would hide the error that ended the run.
    if (!isConnectionLost(error)) throw error;
  }
}

/** Who holds the lock, as far as PostgreSQL tells this role (other roles' details may be hidden). */
function* describeHolder(
  classId: number,
  objId: number,
): Db<{ text: string; summary: string | undefined; details: Record<string, unknown> }> {
  const result = yield* query(
    'SELECT a.pid, a.application_name, host(a.client_addr) AS client_addr, a.usename ' +
      'FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid ' +
      "WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2 " +
      'AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) ' +
      'AND l.classid::bigint = $1 AND l.objid::bigint = $2 AND l.pid <> pg_backend_pid() LIMIT 1',
    [classId, objId >>> 0],
  );
  const row = result.rows[0];
  if (!row) return { text: '', summary: undefined, details: {} };
  const parts = [`pid ${String(row['pid'])}`];
  if (row['application_name']) parts.push(`application ${JSON.stringify(row['application_name'])}`);
  if (row['usename']) parts.push(`user ${JSON.stringify(row['usename'])}`);
  if (row['client_addr']) parts.push(`from ${String(row['client_addr'])}`);
  const holder = { pid: Number(row['pid']), applicationName: row['application_name'] ?? null, clientAddr: row['client_addr'] ?? null };
  return { text: ` (${parts.join(', ')})`, summary: parts.join(', '), details: { holder } };
}

function formatSeconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}

/** A session advisory lock per lock name, held on the run's pinned connection. */
export class PostgresLock extends BaseLock {
  constructor(private readonly schema: string) {
    super();
  }

  acquire(request: LockRequest): Db<void> {
    return acquirePostgresLock(request, this.schema);
  }

  release(request: LockRequest): Db<void> {
    return releasePostgresLock(request);
  }
}
