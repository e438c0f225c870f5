import { randomBytes } from 'node:crypto';
import type { Dialect } from '@agno-migrate/core';
import mysql from 'mysql2/promise';
import { startContainer } from '../containers.js';
import type { TestDatabase, TestTarget } from '../target.js';

export const DEFAULT_MYSQL_TEST_URL = 'mysql://root@127.0.0.1:3306/test';

export interface MysqlTargetOptions {
  /** Builds the dialect under test; test-infra does not depend on dialect packages (they depend on it). */
  readonly dialect: (options: { readonly url: string; readonly schema: string }) => Dialect;
  /** Defaults to AGNO_TEST_MYSQL_URL, else the local server. */
  readonly url?: string;
}

const PROBE_TIMEOUT_MS = 3000;

/**
 * MySQL 8 or MariaDB: every `create()` makes a fresh database with a unique name and drops it on
 * close, so test files never see each other's tables.
 */
export function mysqlTarget(options: MysqlTargetOptions): TestTarget {
  let resolved: Promise<string> | undefined;
  let probe: Promise<string | null> | undefined;
  const url = () => (resolved ??= resolveUrl(options.url));
  return {
    name: 'mysql',
    unavailableReason: () => (probe ??= url().then(probeServer)),
    create: async () => createDatabase(await url(), options.dialect),
  };
}

/**
 * The URL to test against: the one given, AGNO_TEST_MYSQL_URL, else the local server, else (when
 * Docker is there) a MySQL 8 container started for this run.
 */
async function resolveUrl(explicit: string | undefined): Promise<string> {
  const url = explicit ?? process.env['AGNO_TEST_MYSQL_URL'] ?? DEFAULT_MYSQL_TEST_URL;
  if (explicit || process.env['AGNO_TEST_MYSQL_URL'] || (await probeServer(url)) === null) return url;
  const container = await startContainer({
    image: 'mysql:8.4',
    port: 3306,
    env: { MYSQL_ROOT_PASSWORD: 'agno', MYSQL_DATABASE: 'test' },
    readyLog: /ready for connections.*port: 3306/,
  });
  return container ? `mysql://root:agno@${container.host}:${container.port}/test` : url;
}

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

async function probeServer(url: string): Promise<string | null> {
  try {
    const connection = await mysql.createConnection(connectionOptions(url, PROBE_TIMEOUT_MS));
    try {
      await connection.query('SELECT 1');
    } finally {
      await connection.end();
    }
    return null;
  } catch (error) {
    const code = (error as { code?: string }).code;
    const message = error instanceof Error ? error.message : String(error);
    return `cannot connect to ${describeServer(url)} within ${PROBE_TIMEOUT_MS} ms (${code ?? message})`;
  }
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

async function createDatabase(url: string, makeDialect: MysqlTargetOptions['dialect']): Promise<TestDatabase> {
  const name = `agno_test_${randomBytes(5).toString('hex')}`;
  const quoteIdent = (ident: string) => `\`${ident.replaceAll('`', '``')}\``;
  const connection = await mysql.createConnection(connectionOptions(url, 10_000));
  await connection.query(`CREATE DATABASE ${quoteIdent(name)} CHARACTER SET utf8mb4`);
  await connection.query(`USE ${quoteIdent(name)}`);
  const databaseUrl = withDatabase(url, name);
  return {
    flavor: 'mysql',
    namespace: name,
    dialect: () => makeDialect({ url: databaseUrl, schema: name }),
    cliArgs: () => ['--db', databaseUrl, '--schema', name],
    async exec(sql, params = []) {
      await connection.query(sql, [...params]);
    },
    async rows(sql, params = []) {
      const [rows] = await connection.query(sql, [...params]);
      return rows as Record<string, unknown>[];
    },
    quoteIdent,
    qualify: (table) => `${quoteIdent(name)}.${quoteIdent(table)}`,
    async close() {
      try {
        await connection.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)}`);
      } finally {
        await connection.end();
      }
    },
  };
}
