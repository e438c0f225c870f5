import Database from 'better-sqlite3';
import mysql from 'mysql2/promise';
import pg from 'pg';
import type { DatabaseKind } from './config.js';
import { mysqlOptions } from './mysql-options.js';

/** One plain driver connection, outside the tool: fixtures, baselines and the hand-run SQL use it. */
export interface RawClient {
  exec(sql: string, params?: readonly unknown[]): Promise<void>;
  rows(sql: string, params?: readonly unknown[]): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

export interface RawLocation {
  readonly kind: DatabaseKind;
  /** A file path for SQLite, a URL otherwise. */
  readonly location: string;
}

export async function openRaw(where: RawLocation): Promise<RawClient> {
  switch (where.kind) {
    case 'sqlite':
      return openSqlite(where.location);
    case 'postgres':
      return openPostgres(where.location);
    case 'mysql':
      return openMysql(where.location);
  }
}

function openSqlite(path: string): RawClient {
  const db = new Database(path);
  const run = (sql: string, params: readonly unknown[]) => {
    const statement = db.prepare(sql);
    if (statement.reader) return statement.all(...params);
    statement.run(...params);
    return [];
  };
  // Every statement through prepare(), as the tool's own connection does: a comparison of the two
  // then measures the tool, not two paths through the driver.
  return {
    exec: async (sql, params = []) => {
      run(sql, params);
    },
    rows: async (sql, params = []) => run(sql, params),
    close: async () => db.close(),
  };
}

async function openPostgres(url: string): Promise<RawClient> {
  const client = new pg.Client({ connectionString: url, application_name: 'agno-migrate-bench' });
  client.on('error', () => {});
  await client.connect();
  return {
    exec: async (sql, params = []) => {
      await client.query(sql, params);
    },
    rows: async (sql, params = []) => (await client.query(sql, params)).rows,
    close: () => client.end(),
  };
}

async function openMysql(url: string): Promise<RawClient> {
  const connection = await mysql.createConnection(mysqlOptions(url));
  connection.on('error', () => {});
  return {
    exec: async (sql, params = []) => {
      await connection.query(sql, [...params]);
    },
    rows: async (sql, params = []) => {
      const [rows] = await connection.query(sql, [...params]);
      return rows as Record<string, unknown>[];
    },
    close: () => connection.end(),
  };
}
