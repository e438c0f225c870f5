import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { openSqlite, STATEMENT_CACHE_SIZE } from '../src/sqlite-connector.js';
import type { SqliteDatabase } from '../src/sqlite-driver-types.js';

/** An in-memory database whose prepare() calls are counted, per SQL text. */
function counted(): { db: SqliteDatabase; prepared: Map<string, number>; close: () => void } {
  const real = new Database(':memory:');
  const prepared = new Map<string, number>();
  const db: SqliteDatabase = {
    get open() {
      return real.open;
    },
    prepare: (sql) => {
      prepared.set(sql, (prepared.get(sql) ?? 0) + 1);
      return real.prepare(sql);
    },
    close: () => real.close(),
  };
  return { db, prepared, close: () => real.close() };
}

it('prepares a statement once however often it runs', () => {
  const { db, prepared, close } = counted();
  const conn = openSqlite({ database: db });
  conn.querySync!('CREATE TABLE t (a INTEGER)', []);
  for (let i = 0; i < 10; i++) conn.querySync!('INSERT INTO t (a) VALUES (?)', [i]);
  expect(conn.querySync!('SELECT SUM(a) AS s FROM t', []).rows).toEqual([{ s: 45 }]);
  expect(conn.querySync!('SELECT SUM(a) AS s FROM t WHERE a > ?', [5]).rows).toEqual([{ s: 30 }]);
  expect(prepared.get('INSERT INTO t (a) VALUES (?)')).toBe(1);
  close();
});

it('keeps at most a bounded number of statements, the least recently used leaving first', () => {
  const { db, prepared, close } = counted();
  const conn = openSqlite({ database: db });
  const select = (i: number) => `SELECT ${i} AS n`;
  conn.querySync!(select(0), []);
  for (let i = 1; i <= STATEMENT_CACHE_SIZE; i++) {
    conn.querySync!(select(i), []);
    // Statement 0 stays in use, so it is never the least recently used one.
    conn.querySync!(select(0), []);
  }
  expect(prepared.get(select(0))).toBe(1);
  // Statement 1 was pushed out by the last one: it is prepared again.
  conn.querySync!(select(1), []);
  expect(prepared.get(select(1))).toBe(2);
  conn.querySync!(select(STATEMENT_CACHE_SIZE), []);
  expect(prepared.get(select(STATEMENT_CACHE_SIZE))).toBe(1);
  close();
});

it('a kept statement sees the table as it is after a schema change', () => {
  const { db, close } = counted();
  const conn = openSqlite({ database: db });
  conn.querySync!('CREATE TABLE t (a INTEGER)', []);
  conn.querySync!('INSERT INTO t (a) VALUES (1)', []);
  expect(conn.querySync!('SELECT * FROM t', []).rows).toEqual([{ a: 1 }]);
  conn.querySync!('DROP TABLE t', []);
  conn.querySync!('CREATE TABLE t (a INTEGER, b TEXT)', []);
  conn.querySync!("INSERT INTO t (a, b) VALUES (2, 'x')", []);
  expect(conn.querySync!('SELECT * FROM t', []).rows).toEqual([{ a: 2, b: 'x' }]);
  expect(conn.querySync!('INSERT INTO t (a) VALUES (?)', [3]).affectedRows).toBe(1);
  close();
});
