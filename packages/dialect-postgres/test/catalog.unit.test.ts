import type { Db, QueryResult } from '@agno-migrate/core';
import { LockTimeoutError } from '@agno-migrate/core';
import { describe, expect, it } from 'vitest';
import { postgresDialect } from '../src/index.js';
import { INTROSPECT_SQL } from '../src/postgres-introspector.js';
import { fnv1a32, LOCK_CLASS_ID, lockKey } from '../src/postgres-lock.js';
import { normalizeDataType } from '../src/postgres-types.js';

const dialect = postgresDialect({ url: 'postgres://agno@localhost/app', schema: 'tenant' });

type Reply = (sql: string, params: readonly unknown[]) => QueryResult;

/** Runs a generator against scripted replies, recording every request: the queries a step would send. */
function drive<T>(work: Db<T>, reply: Reply): { value: T; requests: { sql: string; params: readonly unknown[] }[] } {
  const requests: { sql: string; params: readonly unknown[] }[] = [];
  let step = work.next();
  while (!step.done) {
    const request = step.value;
    if (request.type !== 'query') throw new Error('unexpected sleep');
    requests.push({ sql: request.sql, params: request.params });
    let result: QueryResult;
    try {
      result = reply(request.sql, request.params);
    } catch (error) {
      step = work.throw(error);
      continue;
    }
    step = work.next(result);
  }
  return { value: step.value, requests };
}

const rows = (...r: Record<string, unknown>[]): QueryResult => ({ rows: r, affectedRows: 0 });

describe('PostgreSQL introspection', () => {
  it('reads a table in one query scoped to the schema, and normalises it', () => {
    const catalogRow = {
      columns: [
        { name: 'session_id', type: 'character varying', udt: 'varchar', length: null, nullable: 'NO', default: null },
        { name: 'runs', type: 'json', udt: 'json', length: null, nullable: 'YES', default: null },
        { name: 'created_at', type: 'bigint', udt: 'int8', length: null, nullable: 'NO', default: '0' },
        { name: 'code', type: 'character varying', udt: 'varchar', length: 20, nullable: 'YES', default: null },
      ],
      indexes: [{ name: 'idx_s_created_at', unique: false, valid: false, columns: ['created_at'] }],
      constraints: [
        { name: 's_pkey', type: 'p', columns: ['session_id'] },
        { name: 's_uq_session_id', type: 'u', columns: ['session_id'] },
      ],
    };
    const { value, requests } = drive(dialect.introspector.introspect('s'), () => rows(catalogRow));
    expect(requests).toEqual([{ sql: INTROSPECT_SQL, params: ['tenant', 's'] }]);
    expect(INTROSPECT_SQL).not.toMatch(/search_path|current_schema/);
    expect(value).toEqual({
      name: 's',
      columns: [
        { name: 'session_id', dataType: 'varchar', length: null, nullable: false, defaultValue: null },
        { name: 'runs', dataType: 'json', length: null, nullable: true, defaultValue: null },
        { name: 'created_at', dataType: 'bigint', length: null, nullable: false, defaultValue: '0' },
        { name: 'code', dataType: 'varchar', length: 20, nullable: true, defaultValue: null },
      ],
      indexes: [{ name: 'idx_s_created_at', columns: ['created_at'], unique: false, valid: false }],
      primaryKey: { name: 's_pkey', columns: ['session_id'] },
      uniqueConstraints: [{ name: 's_uq_session_id', columns: ['session_id'] }],
    });
  });

  it('returns null for a missing table', () => {
    expect(drive(dialect.introspector.introspect('nope'), () => rows()).value).toBeNull();
  });

  it('checks existence of many tables in one query', () => {
    const { value, requests } = drive(dialect.introspector.existingTables(['a', 'b']), () => rows({ name: 'b' }));
    expect(value).toEqual(new Set(['b']));
    expect(requests).toEqual([
      {
        sql:
          'SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace ' +
          "WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND c.relname IN ($2, $3)",
        params: ['tenant', 'a', 'b'],
      },
    ]);
    expect(drive(dialect.introspector.existingTables([]), () => rows()).requests).toEqual([]);
  });

  it('normalises information_schema type names', () => {
    expect(normalizeDataType('character varying')).toBe('varchar');
    expect(normalizeDataType('JSONB')).toBe('jsonb');
    expect(normalizeDataType('ARRAY', '_int4')).toBe('_int4');
    expect(normalizeDataType('timestamp with time zone')).toBe('timestamptz');
  });
});

describe('PostgreSQL advisory lock', () => {
  const request = { name: 'agno-migrate:tenant:agno_schema_versions', timeoutMs: 1500 };
  const [classId, objId] = lockKey(request.name);

  it('derives a stable (int4, int4) key from the name with FNV-1a', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
    expect(classId).toBe(LOCK_CLASS_ID);
    expect(objId).toBeGreaterThanOrEqual(-(2 ** 31));
    expect(objId).toBeLessThan(2 ** 31);
    expect(lockKey('agno-migrate:other:agno_schema_versions')[1]).not.toBe(objId);
  });

  it('costs one query when the lock is free', () => {
    const { requests } = drive(dialect.lock.acquire(request), () => rows({ locked: true }));
    expect(requests).toEqual([{ sql: 'SELECT pg_try_advisory_lock($1, $2) AS locked', params: [classId, objId] }]);
  });

  it('waits under lock_timeout when held, and resets it afterwards', () => {
    const { requests } = drive(dialect.lock.acquire(request), (sql) => rows(sql.includes('try') ? { locked: false } : {}));
    expect(requests.map((r) => [r.sql, r.params])).toEqual([
      ['SELECT pg_try_advisory_lock($1, $2) AS locked', [classId, objId]],
      ['SELECT set_config($1, $2, false)', ['lock_timeout', '1500ms']],
      ['SELECT pg_advisory_lock($1, $2)', [classId, objId]],
      ['RESET lock_timeout', []],
    ]);
  });

  it('turns SQLSTATE 55P03 into LockTimeoutError naming the holder', () => {
    const reply: Reply = (sql) => {
      if (sql.includes('try')) return rows({ locked: false });
      if (sql.startsWith('SELECT pg_advisory_lock'))
        throw Object.assign(new Error('canceling statement due to lock timeout'), { code: '55P03' });
      if (sql.includes('pg_locks'))
        return rows({ pid: 4242, application_name: 'agno-migrate', client_addr: '10.0.0.7', usename: 'deploy' });
      return rows();
    };
    let thrown: unknown;
    try {
      drive(dialect.lock.acquire(request), reply);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(LockTimeoutError);
    expect((thrown as Error).message).toBe(
      'another migration run holds the agno-migrate lock on schema "tenant" (pid 4242, application "agno-migrate", user "deploy", from 10.0.0.7); ' +
        'waited 1.5 s: try again when it has finished, or raise the lock timeout (--lock-timeout)',
    );
  });

  it('releases with pg_advisory_unlock', () => {
    expect(drive(dialect.lock.release(request), () => rows({})).requests).toEqual([
      { sql: 'SELECT pg_advisory_unlock($1, $2)', params: [classId, objId] },
    ]);
  });
});
