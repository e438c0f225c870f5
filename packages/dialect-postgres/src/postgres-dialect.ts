import type {
  Connection,
  Db,
  DialectCapabilities,
  LockRequest,
  LogicalType,
  Operation,
  OperationContext,
  SessionSetting,
  Statement,
  StepTransaction,
  TableState,
} from '@agno-migrate/core';
import {
  BaseDialect,
  columnsStillJson,
  ConfigurationError,
  DEFAULT_CAPABILITIES,
  query,
  sql,
  TABLE_LOCK_WAIT_MS,
} from '@agno-migrate/core';
import type { PostgresDialectOptions } from './postgres-config.js';
import { DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_SCHEMA, MAX_CONNECT_TIMEOUT_MS } from './postgres-config.js';
import type { PostgresSource } from './postgres-connector.js';
import { openPostgres, SESSION_SETTINGS } from './postgres-connector.js';
import { dropInvalidIndexSql, duplicateFixSql, jsonToJsonbSql } from './postgres-emitter.js';
import type { ErrorContext } from './postgres-errors.js';
import { isUndefinedTable, translatePostgresError } from './postgres-errors.js';
import { introspectPostgres } from './postgres-introspector.js';
import { acquirePostgresLock, releasePostgresLock } from './postgres-lock.js';
import { postgresColumnType } from './postgres-types.js';
import { PostgresRunsSql } from './postgres-runs.js';
import { displayUrl, parsePostgresUrl } from './postgres-url.js';

/** PostgreSQL as Agno's PostgresDb uses it: tables in one schema (default `ai`), JSONB, transactional DDL. */
export class PostgresDialect extends BaseDialect {
  readonly name = 'postgres';
  readonly flavor = 'postgres' as const;
  readonly capabilities: DialectCapabilities = {
    ...DEFAULT_CAPABILITIES,
    transactionalDdl: true,
    jsonb: true,
    namespaces: true,
    maxIdentifierBytes: 63,
    alterPrimaryKey: true,
  };
  readonly namespace: string;
  readonly displayTarget: string;
  private readonly source: PostgresSource;
  private readonly connectTimeoutMs: number;
  private readonly errorContext: ErrorContext;
  /** Only sessions the dialect opens from a URL: a caller's pool or client keeps its own settings. */
  readonly sessionSettings: readonly SessionSetting[];

  /**
   * Each step waits at most a second for a table lock (`SET LOCAL`, so it ends with the step and a
   * caller's own client keeps its setting): a step queued behind an application's open transaction
   * would queue every writer of the table behind it. Core retries the step until --lock-timeout.
   */
  override stepTransaction(): StepTransaction {
    return {
      begin: [sql('BEGIN'), sql(`SET LOCAL lock_timeout = '${TABLE_LOCK_WAIT_MS}ms'`)],
      commit: [sql('COMMIT')],
      rollback: [sql('ROLLBACK')],
    };
  }

  constructor(options: PostgresDialectOptions) {
    super();
    this.namespace = checkSchema(options.schema ?? DEFAULT_SCHEMA);
    this.connectTimeoutMs = checkTimeout(options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS);
    const schemaNote = ` (schema ${this.namespace})`;
    if ('url' in options && options.url !== undefined) {
      const settings = parsePostgresUrl(options.url);
      this.source = { kind: 'url', settings };
      this.sessionSettings = SESSION_SETTINGS;
      this.displayTarget = displayUrl(settings) + schemaNote;
      const address = `${settings.host.includes(':') ? `[${settings.host}]` : settings.host}:${settings.port}`;
      this.errorContext = {
        address,
        user: settings.user,
        database: settings.database,
        schema: this.namespace,
        password: settings.password,
      };
    } else if ('pool' in options && options.pool) {
      this.source = { kind: 'pool', pool: options.pool };
      this.sessionSettings = [];
      this.displayTarget = `postgres (caller's pool)${schemaNote}`;
      this.errorContext = { address: undefined, user: undefined, database: undefined, schema: this.namespace, password: undefined };
    } else if ('client' in options && options.client) {
      this.source = { kind: 'client', client: options.client };
      this.sessionSettings = [];
      this.displayTarget = `postgres (caller's client)${schemaNote}`;
      this.errorContext = { address: undefined, user: undefined, database: undefined, schema: this.namespace, password: undefined };
    } else {
      throw new ConfigurationError('postgresDialect needs a url, a pg.Pool (pool) or a connected pg.Client (client)');
    }
  }

  connect(): Promise<Connection> {
    return openPostgres(this.source, this.connectTimeoutMs);
  }

  override placeholder(index: number): string {
    return `$${index}`;
  }

  columnType(type: LogicalType): string {
    return postgresColumnType(type);
  }

  override createNamespace(): Statement[] {
    return [sql(`CREATE SCHEMA IF NOT EXISTS ${this.quoteIdent(this.namespace)}`)];
  }

  /** A deploy user without CREATE on the database can still use a schema that exists. */
  *namespaceExists(): Db<boolean> {
    const result = yield* query('SELECT 1 AS found FROM pg_namespace WHERE nspname = $1', [this.namespace]);
    return result.rows.length > 0;
  }

  introspect(table: string): Db<TableState | null> {
    return introspectPostgres(this.namespace, table);
  }

  *existingTables(tables: readonly string[]): Db<Set<string>> {
    if (tables.length === 0) return new Set();
    const marks = tables.map((_, i) => this.placeholder(i + 2)).join(', ');
    const result = yield* query(
      'SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace ' +
        `WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND c.relname IN (${marks})`,
      [this.namespace, ...tables],
    );
    return new Set(result.rows.map((r) => String(r['name'])));
  }

  acquireLock(request: LockRequest): Db<void> {
    return acquirePostgresLock(request, this.namespace);
  }

  releaseLock(request: LockRequest): Db<void> {
    return releasePostgresLock(request);
  }

  override renderOperation(op: Operation, state: TableState, ctx: OperationContext): Statement[] {
    switch (op.kind) {
      case 'jsonToJsonb':
        return jsonToJsonbSql(this, ctx.table, columnsStillJson(op, state, ctx));
      case 'createIndex':
        return [...dropInvalidIndexSql(this, state, op.name), ...super.renderOperation(op, state, ctx)];
      default:
        return super.renderOperation(op, state, ctx);
    }
  }

  /** @internal */
  qualifyIndexName(name: string): string {
    return this.qualifyIndex(name);
  }

  override runsSql(): PostgresRunsSql {
    return new PostgresRunsSql(this);
  }

  override duplicateFixSql(table: string, column: string): string {
    return duplicateFixSql(this, table, column);
  }

  override translateError(error: unknown): Error {
    return translatePostgresError(error, this.errorContext);
  }

  override isUndefinedTable(error: unknown): boolean {
    return isUndefinedTable(error);
  }
}

export function postgresDialect(options: PostgresDialectOptions | string): PostgresDialect {
  return new PostgresDialect(typeof options === 'string' ? { url: options } : options);
}

function checkSchema(schema: unknown): string {
  if (typeof schema !== 'string' || schema.trim() === '' || schema.includes('\0')) {
    throw new ConfigurationError('the PostgreSQL schema must be a non-empty name', { value: schema });
  }
  if (Buffer.byteLength(schema, 'utf8') > 63) {
    throw new ConfigurationError(`schema name ${JSON.stringify(schema)} is longer than PostgreSQL's 63 bytes`, { value: schema });
  }
  return schema;
}

function checkTimeout(ms: unknown): number {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms <= 0 || ms > MAX_CONNECT_TIMEOUT_MS) {
    throw new ConfigurationError(`connectTimeoutMs must be a number of milliseconds from 1 to ${MAX_CONNECT_TIMEOUT_MS}`, { value: ms });
  }
  return Math.ceil(ms);
}
