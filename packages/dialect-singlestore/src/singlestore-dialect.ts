import type { Dialect, Flavor } from '@agno-migrate/core/dialect';
import { ConfigurationError } from '@agno-migrate/core/dialect';
import type { MysqlClient, MysqlDialectOptions, MysqlUrl, MysqlVariant } from '@agno-migrate/dialect-mysql';
import { MYSQL_CAPABILITIES, MysqlErrors, resolveMysqlTarget } from '@agno-migrate/dialect-mysql';
import { configuredDatabase } from './singlestore-client-database.js';
import { SinglestoreConnector } from './singlestore-connector.js';
import { SinglestoreEmitter } from './singlestore-emitter.js';
import { SinglestoreIntrospector } from './singlestore-introspector.js';
import { SinglestoreLock } from './singlestore-lock.js';
import { parseSinglestoreUrl } from './singlestore-url.js';

export interface SinglestoreLeaseOptions {
  /** The lock table, in the tables' database. Default `agno_migrate_locks`. */
  readonly table?: string;
  /** How long a lease lasts without renewal (whole seconds). Default 30 s. */
  readonly ttlMs?: number;
  /** How often the lease is renewed while a run holds it. Default a third of the lease. */
  readonly heartbeatMs?: number;
  /** How often a waiting run looks again. Default 500 ms. */
  readonly pollMs?: number;
  /**
   * A rowstore keeps the lease's single-row upserts cheap and row-locked (a columnstore may lock
   * more). Default true; false only for a server that has no rowstores (MariaDB standing in for
   * SingleStore in tests).
   */
  readonly rowstore?: boolean;
}

export interface SinglestoreDialectOptions extends MysqlDialectOptions {
  /**
   * The database holding Agno's tables. Defaults to the connection's database: the one in the URL,
   * or the one the given client is configured with. (Agno looks in a database named `agno`.)
   */
  readonly schema?: string;
  readonly lock?: SinglestoreLeaseOptions;
}

/** The connection's database, as SingleStoreDb uses when no schema is given (never Agno's `agno`). */
function defaultSchema(url: MysqlUrl | undefined, client: MysqlClient | undefined): string {
  if (url) {
    if (url.database !== undefined) return url.database;
    throw new ConfigurationError(
      'the SingleStore URL names no database: put it in the URL (singlestore://user@host:3306/mydb) or pass --schema',
    );
  }
  const database = configuredDatabase(client);
  if (database !== undefined) return database;
  throw new ConfigurationError('the SingleStore client given has no database configured: configure one on it, or pass `schema`');
}

const SINGLESTORE: MysqlVariant = { product: 'SingleStore', parseUrl: parseSinglestoreUrl, defaultSchema };

/**
 * SingleStore through mysql2: the MySQL family's connector and errors, SingleStore's own emitter
 * and introspector, and a lease row instead of GET_LOCK.
 */
export class SinglestoreDialect implements Dialect {
  readonly name = 'singlestore';
  readonly flavor: Flavor = 'singlestore';
  readonly capabilities = MYSQL_CAPABILITIES;
  readonly namespace: string;
  readonly displayTarget: string;
  readonly connector: SinglestoreConnector;
  readonly emitter: SinglestoreEmitter;
  readonly introspector: SinglestoreIntrospector;
  readonly lock: SinglestoreLock;
  readonly errors: MysqlErrors;

  constructor(options: SinglestoreDialectOptions) {
    const target = resolveMysqlTarget(options, SINGLESTORE);
    const lease = options.lock ?? {};
    this.namespace = target.namespace;
    this.displayTarget = target.displayTarget;
    this.connector = new SinglestoreConnector(target.source, target.connectTimeoutMs, target.sessionSettings);
    this.emitter = new SinglestoreEmitter(target.namespace);
    this.lock = new SinglestoreLock(
      {
        table: this.emitter.qualify(lease.table ?? 'agno_migrate_locks'),
        createKeyword: lease.rowstore === false ? 'CREATE TABLE' : 'CREATE ROWSTORE TABLE',
        ...(lease.ttlMs === undefined ? {} : { ttlMs: lease.ttlMs }),
        ...(lease.heartbeatMs === undefined ? {} : { heartbeatMs: lease.heartbeatMs }),
        ...(lease.pollMs === undefined ? {} : { pollMs: lease.pollMs }),
      },
      this.emitter,
      this.connector,
    );
    this.introspector = new SinglestoreIntrospector(target.namespace, { sql: this.emitter, lease: this.lock });
    this.errors = new MysqlErrors(target.errorContext);
  }
}

export function singlestoreDialect(options: SinglestoreDialectOptions | string): SinglestoreDialect {
  return new SinglestoreDialect(typeof options === 'string' ? { url: options } : options);
}
