import { LockTimeoutError } from '@agno-migrate/core';
import { afterEach, describe, expect, it } from 'vitest';
import { SinglestoreLock } from '../../src/index.js';
import { drive } from '../support/drive.js';

const q = (n: string) => `\`${n}\``;
const locks: SinglestoreLock[] = [];
const noConnections = {
  openSpare: () => Promise.reject(new Error('no connection in a unit test')),
  runConnection: undefined,
  failStatementsWith: () => {},
};
function lease(overrides: { ttlMs?: number; pollMs?: number } = {}) {
  const lock = new SinglestoreLock(
    { table: '`app`.`agno_migrate_locks`', createKeyword: 'CREATE ROWSTORE TABLE', ...overrides },
    { quoteIdent: q },
    noConnections,
  );
  locks.push(lock);
  return lock;
}
const request = { name: 'agno-migrate:app:agno_schema_versions', timeoutMs: 1000 };

afterEach(() => {
  for (const lock of locks.splice(0)) drive(lock.release(request), []);
});

describe('lease lock protocol', () => {
  it('creates a rowstore lock table', () => {
    expect(lease().createTableSql()).toBe(
      'CREATE ROWSTORE TABLE IF NOT EXISTS `app`.`agno_migrate_locks` (`lock_name` VARCHAR(64) NOT NULL, `owner` VARCHAR(64) NOT NULL, ' +
        '`holder` VARCHAR(255) NOT NULL, `acquired_at` BIGINT NOT NULL, `expires_at` BIGINT NOT NULL, PRIMARY KEY (`lock_name`))',
    );
  });

  it('takes a lease in one upsert that takes over only an expired row, on the server clock', () => {
    expect(lease().upsertSql()).toBe(
      'INSERT INTO `app`.`agno_migrate_locks` (`lock_name`, `owner`, `holder`, `acquired_at`, `expires_at`) ' +
        'VALUES (?, ?, ?, UNIX_TIMESTAMP(), UNIX_TIMESTAMP() + ?) ON DUPLICATE KEY UPDATE ' +
        '`owner` = IF(`expires_at` < VALUES(`acquired_at`), VALUES(`owner`), `owner`), ' +
        '`holder` = IF(`expires_at` < VALUES(`acquired_at`), VALUES(`holder`), `holder`), ' +
        '`acquired_at` = IF(`expires_at` < VALUES(`acquired_at`), VALUES(`acquired_at`), `acquired_at`), ' +
        '`expires_at` = IF(`expires_at` < VALUES(`acquired_at`), VALUES(`expires_at`), `expires_at`)',
    );
  });

  it('holds the lease when the row read back carries its owner token, and releases it by owner', () => {
    const lock = lease({ ttlMs: 30_000 });
    let owner = '';
    const work = lock.acquire(request);
    const requests: { sql: string; params: readonly unknown[] }[] = [];
    let step = work.next();
    while (!step.done) {
      const r = step.value;
      if (r.type !== 'query') throw new Error('no sleep expected');
      requests.push({ sql: r.sql, params: r.params });
      if (r.sql.startsWith('INSERT')) owner = String(r.params[1]);
      step = work.next({ rows: r.sql.startsWith('SELECT') ? [{ owner }] : [], affectedRows: 1 });
    }
    expect(requests.map((r) => r.sql.split(' ')[0])).toEqual(['CREATE', 'INSERT', 'SELECT']);
    expect(requests[1]!.params).toEqual([request.name, owner, expect.stringMatching(/:\d+$/), 30]);
    expect(lock.holding()).toBe(true);
    const released = drive(lock.release(request), []);
    expect(released.requests).toEqual([
      { sql: 'DELETE FROM `app`.`agno_migrate_locks` WHERE `lock_name` = ? AND `owner` = ?', params: [request.name, owner] },
    ]);
    expect(lock.holding()).toBe(false);
  });

  it('polls while another owner holds it, then fails with the holder named', () => {
    const held = { owner: 'other', holder: 'build-7:4242', acquired_at: 1000, expires_at: 1030, server_now: 1012 };
    const run = drive(lease({ pollMs: 400 }).acquire({ ...request, timeoutMs: 0 }), [[], [], [held]]);
    expect(run.error).toBeInstanceOf(LockTimeoutError);
    expect((run.error as Error).message).toBe(
      'another run holds the migration lease "agno-migrate:app:agno_schema_versions" (held by build-7:4242 for 12 s; its lease ends in 18 s unless renewed) ' +
        'and did not release it within 0 s: try again when it has finished, or raise --lock-timeout; a lease left by a killed run expires by itself within 30 s',
    );
  });

  it('never fails to release, and releases nothing it does not hold', () => {
    expect(drive(lease().release(request), []).requests).toEqual([]);
  });
});
