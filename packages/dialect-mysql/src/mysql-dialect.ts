import type { Dialect, DialectCapabilities, Flavor } from '@agno-migrate/core/dialect';
import { DEFAULT_CAPABILITIES } from '@agno-migrate/core/dialect';
import { MysqlConnector } from './mysql-connector.js';
import { MysqlEmitter } from './mysql-emitter.js';
import { MysqlErrors } from './mysql-errors.js';
import { MysqlIntrospector } from './mysql-introspector.js';
import { MysqlLock } from './mysql-lock.js';
import type { MysqlDialectOptions, MysqlVariant } from './mysql-target.js';
import { resolveMysqlTarget } from './mysql-target.js';
import { parseMysqlUrl } from './mysql-url.js';

export type { MysqlDialectOptions } from './mysql-target.js';

/** What the MySQL family shares; a variant (SingleStore) starts from it. */
export const MYSQL_CAPABILITIES: DialectCapabilities = {
  ...DEFAULT_CAPABILITIES,
  transactionalDdl: false,
  jsonb: false,
  namespaces: true,
  synchronous: false,
  maxIdentifierBytes: 64,
  alterPrimaryKey: true,
};

/** Agno's MySQLDb default database is `ai`, whatever the URL names. */
const MYSQL: MysqlVariant = { product: 'MySQL', parseUrl: parseMysqlUrl, defaultSchema: () => 'ai' };

/** MySQL 8 and MariaDB through mysql2. */
export class MysqlDialect implements Dialect {
  readonly name = 'mysql';
  readonly flavor: Flavor = 'mysql';
  readonly capabilities = MYSQL_CAPABILITIES;
  readonly namespace: string;
  readonly displayTarget: string;
  readonly connector: MysqlConnector;
  readonly emitter: MysqlEmitter;
  readonly introspector: MysqlIntrospector;
  readonly lock = new MysqlLock();
  readonly errors: MysqlErrors;

  constructor(options: MysqlDialectOptions) {
    const target = resolveMysqlTarget(options, MYSQL);
    this.namespace = target.namespace;
    this.displayTarget = target.displayTarget;
    this.connector = new MysqlConnector(target.source, target.connectTimeoutMs, target.sessionSettings);
    this.emitter = new MysqlEmitter(target.namespace);
    this.introspector = new MysqlIntrospector(target.namespace);
    this.errors = new MysqlErrors(target.errorContext);
  }
}

export function mysqlDialect(options: MysqlDialectOptions | string): MysqlDialect {
  return new MysqlDialect(typeof options === 'string' ? { url: options } : options);
}
