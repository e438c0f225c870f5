import { randomBytes } from 'node:crypto';
import type { Dialect } from '@agno-migrate/core';
import mysql from 'mysql2/promise';
import { startContainer } from '../containers.js';
import type { TestDatabase, TestTarget } from '../target.js';

export interface SinglestoreTargetOptions {
  /** Builds the dialect under test (test-infra does not depend on dialect packages). */
  readonly dialect: (options: { readonly url: string; readonly schema: string }) => Dialect;
  /** Defaults to AGNO_TEST_SINGLESTORE_URL. */
  readonly url?: string;
}

const PROBE_TIMEOUT_MS = 5000;
const DEV_IMAGE = 'ghcr.io/singlestore-labs/singlestoredb-dev';

/**
 * A real SingleStore: AGNO_TEST_SINGLESTORE_URL (singlestore://user:password@host:port), else, when
 * Docker is there, the singlestoredb-dev image started for this run. There is no local server to
 * fall back on: without either, the target says why it cannot run.
 */
export function singlestoreTarget(options: SinglestoreTargetOptions): TestTarget {
  let resolved: Promise<string | null> | undefined;
  let probe: Promise<string | null> | undefined;
  const url = () => (resolved ??= resolveUrl(options.url));
  return {
    name: 'singlestore',
    unavailableReason: () =>
      (probe ??= url().then((u) =>
        u === null ? 'AGNO_TEST_SINGLESTORE_URL is not set and no Docker engine is available to start ' + DEV_IMAGE : probeServer(u),
      )),
    create: async () => {
      const u = await url();
      if (u === null) throw new Error('no SingleStore to test against: set AGNO_TEST_SINGLESTORE_URL');
      return createDatabase(u, options.dialect);
    },
  };
}

async function resolveUrl(explicit: string | undefined): Promise<string | null> {
  const given = explicit ?? process.env['AGNO_TEST_SINGLESTORE_URL'];
  if (given) return given;
  const password = `Agno-${randomBytes(6).toString('hex')}`;
  const container = await startContainer({
    image: DEV_IMAGE,
    port: 3306,
    env: { ROOT_PASSWORD: password },
    readyLog: /Configuring SingleStore nodes/,
  });
  if (!container) return null;
  const url = `singlestore://root:${password}@${container.host}:${container.port}`;
  // The log line comes before the root password is set: wait until a login works.
  for (let attempt = 0; attempt < 60 && (await probeServer(url)) !== null; attempt++) await new Promise((r) => setTimeout(r, 1000));
  return url;
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

/** For messages: never the password. */
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
    return `cannot connect to ${describeServer(url)} within ${PROBE_TIMEOUT_MS} ms (${code ?? (error instanceof Error ? error.message : String(error))})`;
  }
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url.replace(/^mysql:/i, 'singlestore:'));
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

/** A fresh database per test file, dropped on close (SingleStore: CREATE DATABASE allocates partitions). */
async function createDatabase(url: string, makeDialect: SinglestoreTargetOptions['dialect']): Promise<TestDatabase> {
  const name = `agno_test_${randomBytes(5).toString('hex')}`;
  const quoteIdent = (ident: string) => `\`${ident.replaceAll('`', '``')}\``;
  const connection = await mysql.createConnection(connectionOptions(url, 10_000));
  await connection.query(`CREATE DATABASE ${quoteIdent(name)}`);
  await connection.query(`USE ${quoteIdent(name)}`);
  const databaseUrl = withDatabase(url, name);
  return {
    flavor: 'singlestore',
    namespace: name,
    dialect: () => makeDialect({ url: databaseUrl, schema: name }),
    cliArgs: () => ['--db', databaseUrl],
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
