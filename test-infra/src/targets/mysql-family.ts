import { randomBytes } from 'node:crypto';
import type { Dialect, Flavor } from '@agno-migrate/core';
import mysql from 'mysql2/promise';
import type { ChildDialectModule, TestDatabase } from '../target.js';
import type { TargetTraits } from '../traits.js';

/** Builds the dialect under test; test-infra does not depend on dialect packages (they depend on it). */
export type MysqlFamilyDialectFactory = (options: { readonly url: string; readonly schema: string }) => Dialect;

/** What a MySQL-protocol server (MySQL, MariaDB, SingleStore) needs differently for a test database. */
export interface MysqlFamilyDatabaseOptions {
  readonly flavor: Flavor;
  /** Appended to `CREATE DATABASE <name>`. */
  readonly createDatabaseSuffix: string;
  /** The URL of the test database, from the server URL and the database name. */
  readonly databaseUrl: (url: string, database: string) => string;
  /** The CLI arguments that reach the test database. */
  readonly cliArgs: (databaseUrl: string, database: string) => string[];
  /** How a child process builds the dialect: the factory gets `{ url, schema }`. */
  readonly child: ChildDialectModule | undefined;
}

/** What Agno and MySQL/MariaDB do differently from PostgreSQL and SQLite; SingleStore starts from these. */
export const MYSQL_TRAITS: TargetTraits = {
  stringType: (length) => `VARCHAR(${length})`,
  jsonType: 'JSON',
  enforcesForeignKeys: true,
  foreignKeysOnSql: null,
  readsForeignKeys: true,
  partialIndexes: false,
  uniqueKeys: true,
  agno3Tables: ['runs'],
  runsPrimaryKey: ['run_id'],
  // Agno's MySQL adapter prefixes the table name to the index name its schema declares.
  runsSessionIndexName: (table) => `${table}_runs_session_id_run_index`,
  textProvenanceColumns: false,
  // 2.2 enforced uniqueness with <table>_uq_session_id; duplicates exist where that index was lost.
  repeatedSessionIn22: {
    dropKeySql: (db, table) => `ALTER TABLE ${db.qualify(table)} DROP INDEX ${db.quoteIdent(`${table}_uq_session_id`)}`,
    sessionType: 'agent',
  },
};

function connectionOptions(url: string, timeoutMs: number): mysql.ConnectionOptions {
  const u = new URL(url);
  return {
    host: u.hostname.replace(/^\[(.*)\]$/, '$1') || 'localhost',
    port: u.port === '' ? 3306 : Number(u.port),
    ...(u.username ? { user: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    connectTimeout: timeoutMs,
    charset: 'utf8mb4',
    supportBigNumbers: true,
    bigNumberStrings: false,
    multipleStatements: false,
  };
}

/** The server and user, for messages: never the password. */
function describeServer(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.username ? `${u.username}@` : ''}${u.host}`;
}

/** Null when a login and `SELECT 1` work within the timeout, else why not. */
export async function probeMysqlFamilyServer(url: string, timeoutMs: number): Promise<string | null> {
  try {
    const connection = await mysql.createConnection(connectionOptions(url, timeoutMs));
    try {
      await connection.query('SELECT 1');
    } finally {
      await connection.end();
    }
    return null;
  } catch (error) {
    const code = (error as { code?: string }).code;
    const message = error instanceof Error ? error.message : String(error);
    return `cannot connect to ${describeServer(url)} within ${timeoutMs} ms (${code ?? message})`;
  }
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

/** A fresh database with a unique name, dropped on close, so test files never see each other's tables. */
export async function createMysqlFamilyDatabase(
  url: string,
  makeDialect: MysqlFamilyDialectFactory,
  options: MysqlFamilyDatabaseOptions,
): Promise<TestDatabase> {
  const name = `agno_test_${randomBytes(5).toString('hex')}`;
  const quoteIdent = (ident: string) => `\`${ident.replaceAll('`', '``')}\``;
  const connection = await mysql.createConnection(connectionOptions(url, 10_000));
  await connection.query(`CREATE DATABASE ${quoteIdent(name)}${options.createDatabaseSuffix}`);
  await connection.query(`USE ${quoteIdent(name)}`);
  const databaseUrl = options.databaseUrl(url, name);
  return {
    flavor: options.flavor,
    namespace: name,
    dialect: () => makeDialect({ url: databaseUrl, schema: name }),
    childDialect: () => options.child && { ...options.child, options: { url: databaseUrl, schema: name } },
    cliArgs: () => options.cliArgs(databaseUrl, name),
    async exec(sql, params = []) {
      await connection.query(sql, [...params]);
    },
    async rows(sql, params = []) {
      const [rows] = await connection.query(sql, [...params]);
      return rows as Record<string, unknown>[];
    },
    quoteIdent,
    qualify: (table) => `${quoteIdent(name)}.${quoteIdent(table)}`,
    dropIndexSql: (table, index) => `DROP INDEX ${quoteIdent(index)} ON ${quoteIdent(name)}.${quoteIdent(table)}`,
    async tableNames() {
      const [rows] = await connection.query('SELECT table_name AS name FROM information_schema.tables WHERE table_schema = ?', [name]);
      return (rows as Record<string, unknown>[]).map((r) => String(r['name'])).sort();
    },
    async close() {
      try {
        await connection.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)}`);
      } finally {
        await connection.end();
      }
    },
  };
}
