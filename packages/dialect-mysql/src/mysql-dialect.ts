import type { Connection, Db, DialectCapabilities, Flavor, LockRequest, SessionSetting, TableState } from '@agno-migrate/core';
import { ConfigurationError, DEFAULT_CAPABILITIES } from '@agno-migrate/core';
import { openMysql, SESSION_SETTINGS } from './mysql-connector.js';
import type { MysqlSource } from './mysql-connector.js';
import type { MysqlClient } from './mysql-driver-types.js';
import { MysqlEmitter } from './mysql-emitter.js';
import { isMysqlUndefinedTable, translateMysqlError } from './mysql-errors.js';
import type { MysqlErrorContext } from './mysql-errors.js';
import { MysqlIntrospector } from './mysql-introspector.js';
import { acquireMysqlLock, releaseMysqlLock } from './mysql-lock.js';
import { describeMysqlTarget, parseMysqlUrl } from './mysql-url.js';
import type { MysqlUrl } from './mysql-url.js';

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

const DEFAULT_SCHEMA = 'ai';
const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

/** MySQL 8 and MariaDB through mysql2. */
export class MysqlDialect extends MysqlEmitter {
  readonly name: string = 'mysql';
  readonly flavor: Flavor = 'mysql';
  readonly capabilities: DialectCapabilities = {
    ...DEFAULT_CAPABILITIES,
    transactionalDdl: false,
    jsonb: false,
    namespaces: true,
    synchronous: false,
    maxIdentifierBytes: 64,
    alterPrimaryKey: true,
  };
  readonly namespace: string;
  readonly displayTarget: string;
  protected readonly source: MysqlSource;
  protected readonly connectTimeoutMs: number;
  protected readonly errorContext: MysqlErrorContext;
  protected readonly introspector: MysqlIntrospector;
  /** Only sessions the dialect opens from a URL: a caller's connection or pool keeps its own settings. */
  readonly sessionSettings: readonly SessionSetting[];

  constructor(options: MysqlDialectOptions) {
    super();
    if ((options.url === undefined) === (options.client === undefined)) {
      throw new ConfigurationError(`the ${this.productName()} dialect needs exactly one of \`url\` and \`client\``);
    }
    const url = options.url === undefined ? undefined : this.parseUrl(options.url);
    this.namespace = options.schema ?? this.defaultSchema(url, options.client);
    if (this.namespace === '') throw new ConfigurationError(`the ${this.productName()} schema (database) name must not be empty`);
    this.connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    if (url !== undefined) {
      this.source = { url };
      this.sessionSettings = SESSION_SETTINGS;
      this.displayTarget = describeMysqlTarget(url, this.namespace);
      this.errorContext = { server: `${url.host}:${url.port}`, database: this.namespace };
    } else {
      this.source = { client: options.client! };
      this.sessionSettings = [];
      this.displayTarget = `${this.productName().toLowerCase()}:(client)/${this.namespace}`;
      this.errorContext = { server: 'the server of the given client', database: this.namespace };
    }
    this.introspector = this.createIntrospector(this.namespace);
  }

  connect(): Promise<Connection> {
    return openMysql(this.source, this.connectTimeoutMs);
  }

  introspect(table: string): Db<TableState | null> {
    return this.introspector.introspect(table);
  }

  namespaceExists(): Db<boolean> {
    return this.introspector.namespaceExists();
  }

  existingTables(tables: readonly string[]): Db<Set<string>> {
    return this.introspector.existingTables(tables);
  }

  acquireLock(request: LockRequest): Db<void> {
    return acquireMysqlLock(request);
  }

  releaseLock(request: LockRequest): Db<void> {
    return releaseMysqlLock(request);
  }

  override translateError(error: unknown): Error {
    return translateMysqlError(error, { ...this.errorContext, product: this.productName() });
  }

  override isUndefinedTable(error: unknown): boolean {
    return isMysqlUndefinedTable(error);
  }

  /** Agno's MySQLDb default; a variant may take the URL's database instead. Called from the constructor. */
  protected defaultSchema(_url: MysqlUrl | undefined, _client?: MysqlClient): string {
    return DEFAULT_SCHEMA;
  }

  /** Parses `url`; a variant accepts its own scheme. Called from the constructor. */
  protected parseUrl(url: string): MysqlUrl {
    return parseMysqlUrl(url);
  }

  /** How error messages name the server. */
  protected productName(): string {
    return 'MySQL';
  }

  protected createIntrospector(schema: string): MysqlIntrospector {
    return new MysqlIntrospector(schema);
  }
}

export function mysqlDialect(options: MysqlDialectOptions | string): MysqlDialect {
  return new MysqlDialect(typeof options === 'string' ? { url: options } : options);
}
