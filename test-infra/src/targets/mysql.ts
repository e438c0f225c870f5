import { startContainer } from '../containers.js';
import { createMysqlFamilyDatabase, MYSQL_TRAITS, probeMysqlFamilyServer, withDatabase } from './mysql-family.js';
import type { MysqlFamilyDialectFactory } from './mysql-family.js';
import type { ChildDialectModule, TestDatabase, TestTarget } from '../target.js';

export const DEFAULT_MYSQL_TEST_URL = 'mysql://root@127.0.0.1:3306/test';

export interface MysqlTargetOptions {
  /** Builds the dialect under test; test-infra does not depend on dialect packages (they depend on it). */
  readonly dialect: MysqlFamilyDialectFactory;
  /** Defaults to AGNO_TEST_MYSQL_URL, else the local server. */
  readonly url?: string;
  /** How a child process builds the dialect: the factory gets `{ url, schema }`. */
  readonly child?: ChildDialectModule;
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
    traits: MYSQL_TRAITS,
    unavailableReason: () => (probe ??= url().then(probeServer)),
    create: async () => createDatabase(await url(), options),
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

function probeServer(url: string): Promise<string | null> {
  return probeMysqlFamilyServer(url, PROBE_TIMEOUT_MS);
}

function createDatabase(url: string, options: MysqlTargetOptions): Promise<TestDatabase> {
  return createMysqlFamilyDatabase(url, options.dialect, {
    child: options.child,
    flavor: 'mysql',
    createDatabaseSuffix: ' CHARACTER SET utf8mb4',
    databaseUrl: withDatabase,
    cliArgs: (databaseUrl, name) => ['--db', databaseUrl, '--schema', name],
  });
}
