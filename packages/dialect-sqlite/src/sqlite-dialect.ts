import type { Dialect, DialectCapabilities } from '@agno-migrate/core/dialect';
import { DEFAULT_CAPABILITIES } from '@agno-migrate/core/dialect';
import type { SqliteConnectOptions } from './sqlite-connector.js';
import { SqliteConnector } from './sqlite-connector.js';
import type { SqliteDatabase } from './sqlite-driver-types.js';
import { SqliteEmitter } from './sqlite-emitter.js';
import { SqliteErrors } from './sqlite-errors.js';
import { SqliteIntrospector } from './sqlite-introspector.js';
import { SqliteLock } from './sqlite-lock.js';

export type SqliteDialectOptions = SqliteConnectOptions;

/** SQLite through better-sqlite3: one file, transactional DDL, a synchronous driver. */
export class SqliteDialect implements Dialect {
  readonly name = 'sqlite';
  readonly flavor = 'sqlite' as const;
  readonly namespace = undefined;
  readonly capabilities: DialectCapabilities = {
    ...DEFAULT_CAPABILITIES,
    transactionalDdl: true,
    synchronous: true,
    maxIdentifierBytes: 1024,
    alterPrimaryKey: false,
    alterUniqueKeys: false,
  };
  readonly displayTarget: string;
  readonly connector: SqliteConnector;
  readonly emitter = new SqliteEmitter();
  readonly introspector = new SqliteIntrospector();
  readonly lock = new SqliteLock(this.emitter);
  readonly errors = new SqliteErrors();

  constructor(options: SqliteDialectOptions = {}) {
    this.displayTarget = options.database ? 'sqlite:(open database)' : `sqlite:${options.path ?? './agno.db'}`;
    this.connector = new SqliteConnector(options);
  }
}

export function sqliteDialect(options: SqliteDialectOptions | string = {}): SqliteDialect {
  return new SqliteDialect(typeof options === 'string' ? { path: options } : options);
}

export type { SqliteDatabase };
