import type { SessionSetting } from '@agno-migrate/core/dialect';
import { ConfigurationError } from '@agno-migrate/core/dialect';
import type { MysqlSource } from './mysql-connector.js';
import { SESSION_SETTINGS } from './mysql-connector.js';
import type { MysqlClient } from './mysql-driver-types.js';
import type { MysqlErrorContext } from './mysql-errors.js';
import type { MysqlUrl } from './mysql-url.js';
import { describeMysqlTarget } from './mysql-url.js';

export interface MysqlDialectOptions {
  /** `mysql://user:password@host:port/database` (or `mariadb://…`). */
  readonly url?: string;
  /** An existing mysql2/promise pool (one connection is taken for the run) or connection (never closed here). */
  readonly client?: MysqlClient;
  /**
   * The database holding Agno's tables. Defaults to `ai`, as Agno's MySQLDb does, even when the URL
   * names another database: the URL's database is only the connection's default, exactly as with
   * Agno's `db_url` + `db_schema`.
   */
  readonly schema?: string;
  /** How long connecting may take. Default 10 s. */
  readonly connectTimeoutMs?: number;
}

/** What a server of the MySQL family (MySQL, SingleStore) says about its own URLs and defaults. */
export interface MysqlVariant {
  /** How messages name the server. */
  readonly product: string;
  parseUrl(url: string): MysqlUrl;
  /** The database of the tables when the options name none. */
  defaultSchema(url: MysqlUrl | undefined, client: MysqlClient | undefined): string;
}

/** Where a MySQL-family dialect's tables live and how it reaches them, read once from its options. */
export interface MysqlTarget {
  readonly namespace: string;
  readonly displayTarget: string;
  readonly source: MysqlSource;
  readonly connectTimeoutMs: number;
  /** Only sessions the dialect opens from a URL: a caller's connection or pool keeps its own settings. */
  readonly sessionSettings: readonly SessionSetting[];
  readonly errorContext: MysqlErrorContext;
}

const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

export function resolveMysqlTarget(options: MysqlDialectOptions, variant: MysqlVariant): MysqlTarget {
  const { product } = variant;
  if ((options.url === undefined) === (options.client === undefined)) {
    throw new ConfigurationError(`the ${product} dialect needs exactly one of \`url\` and \`client\``);
  }
  const url = options.url === undefined ? undefined : variant.parseUrl(options.url);
  const namespace = options.schema ?? variant.defaultSchema(url, options.client);
  if (namespace === '') throw new ConfigurationError(`the ${product} schema (database) name must not be empty`);
  const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  if (url !== undefined) {
    return {
      namespace,
      connectTimeoutMs,
      source: { url },
      sessionSettings: SESSION_SETTINGS,
      displayTarget: describeMysqlTarget(url, namespace),
      errorContext: { server: `${url.host}:${url.port}`, database: namespace, product },
    };
  }
  return {
    namespace,
    connectTimeoutMs,
    source: { client: options.client! },
    sessionSettings: [],
    displayTarget: `${product.toLowerCase()}:(client)/${namespace}`,
    errorContext: { server: 'the server of the given client', database: namespace, product },
  };
}
