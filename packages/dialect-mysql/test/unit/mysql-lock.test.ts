import type { Db, QueryResult, Row } from '@agno-migrate/core';
import { DatabaseError, LockTimeoutError } from '@agno-migrate/core';
import { describe, expect, it } from 'vitest';
import { acquireMysqlLock, mysqlLockName, releaseMysqlLock } from '../../src/index.js';

/** Drives a generator with canned rows, recording each request: the protocol, not a database. */
function drive<T>(work: Db<T>, answers: Row[][]): { result?: T; error?: unknown; requests: { sql: string; params: readonly unknown[] }[] } {
  const requests: { sql: string; params: readonly unknown[] }[] = [];
  let step = work.next();
  try {
    while (!step.done) {
      const request = step.value;
      if (request.type !== 'query') throw new Error('unexpected sleep');
      requests.push({ sql: request.sql, params: request.params });
      const result: QueryResult = { rows: answers.shift() ?? [], affectedRows: 0 };
      step = work.next(result);
    }
    return { result: step.value, requests };
  } catch (error) {
    return { error, requests };
  }
}

const request = { name: 'agno-migrate:ai:agno_schema_versions', timeoutMs: 1500 };

describe('GET_LOCK', () => {
  it('takes the lock with the timeout in whole seconds', () => {
    const run = drive(acquireMysqlLock(request), [[{ acquired: 1 }]]);
    expect(run.error).toBeUndefined();
    expect(run.requests).toEqual([{ sql: 'SELECT GET_LOCK(?, ?) AS `acquired`', params: ['agno-migrate:ai:agno_schema_versions', 2] }]);
  });

  it('treats 0 as a timeout and names the holder', () => {
    const run = drive(acquireMysqlLock(request), [[{ acquired: 0 }], [{ holder: 42 }], [{ user_name: 'deploy', host: '10.0.0.5:5122' }]]);
    expect(run.error).toBeInstanceOf(LockTimeoutError);
    expect((run.error as Error).message).toContain('(connection 42, deploy@10.0.0.5:5122)');
    expect((run.error as Error).message).toMatch(/raise --lock-timeout/);
    expect(run.requests.map((r) => r.sql)).toEqual([
      'SELECT GET_LOCK(?, ?) AS `acquired`',
      'SELECT IS_USED_LOCK(?) AS `holder`',
      'SELECT USER AS `user_name`, HOST AS `host` FROM information_schema.PROCESSLIST WHERE ID = ?',
    ]);
  });

  it('names the connection alone when the process list is hidden', () => {
    const run = drive(acquireMysqlLock(request), [[{ acquired: 0 }], [{ holder: 42 }], []]);
    expect((run.error as Error).message).toContain('(connection 42)');
  });

  it('with a listener, tries at once, tells who holds it, then waits', () => {
    const told: (string | undefined)[] = [];
    const answers = [[{ acquired: 0 }], [{ holder: 42 }], [{ user_name: 'deploy', host: '10.0.0.5:5122' }], [{ acquired: 1 }]];
    const run = drive(acquireMysqlLock({ ...request, onContended: (holder) => told.push(holder) }), answers);
    expect(run.error).toBeUndefined();
    expect(told).toEqual(['connection 42, deploy@10.0.0.5:5122']);
    expect(run.requests.map((r) => r.params)).toEqual([[request.name, 0], [request.name], [42], [request.name, 2]]);
  });

  it('with a listener, an uncontended lock is still one round trip', () => {
    const told: (string | undefined)[] = [];
    const run = drive(acquireMysqlLock({ ...request, onContended: (holder) => told.push(holder) }), [[{ acquired: 1 }]]);
    expect(run.requests).toHaveLength(1);
    expect(told).toEqual([]);
  });

  it('treats NULL as an error', () => {
    const run = drive(acquireMysqlLock(request), [[{ acquired: null }]]);
    expect(run.error).toBeInstanceOf(DatabaseError);
  });

  it('releases the same name', () => {
    const run = drive(releaseMysqlLock(request), [[{ released: 1 }]]);
    expect(run.requests).toEqual([{ sql: 'SELECT RELEASE_LOCK(?) AS `released`', params: ['agno-migrate:ai:agno_schema_versions'] }]);
  });

  it('hashes names over 64 characters deterministically', () => {
    const long = `agno-migrate:${'x'.repeat(80)}:agno_schema_versions`;
    expect(mysqlLockName(long)).toHaveLength(45);
    expect(mysqlLockName(long)).toBe(mysqlLockName(long));
    expect(mysqlLockName(long)).not.toBe(mysqlLockName(`${long}2`));
    expect(mysqlLockName('short')).toBe('short');
  });
});
