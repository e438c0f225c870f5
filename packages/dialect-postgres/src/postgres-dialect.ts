import type { Dialect, DialectCapabilities } from '@agno-migrate/core/dialect';
import { ConfigurationError, DEFAULT_CAPABILITIES } from '@agno-migrate/core/dialect';
import type { PostgresDialectOptions } from './postgres-config.js';
import { DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_SCHEMA, MAX_CONNECT_TIMEOUT_MS } from './postgres-config.js';
import { PostgresConnector, SESSION_SETTINGS } from './postgres-connector.js';
import { PostgresEmitter } from './postgres-emitter.js';
import type { ErrorContext } from './postgres-errors.js';
import { PostgresErrors } from './postgres-errors.js';
import { PostgresIntrospector } from './postgres-introspector.js';
import { PostgresLock } from './postgres-lock.js';
import { displayUrl, parsePostgresUrl } from './postgres-url.js';

/** PostgreSQL as Agno's PostgresDb uses it: tables in one schema (default `ai`), JSONB, transactional DDL. */
export class PostgresDialect implements Dialect {
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
  readonly connector: PostgresConnector;
  readonly emitter: PostgresEmitter;
  readonly introspector: PostgresIntrospector;
  readonly lock: PostgresLock;
  readonly errors: PostgresErrors;

  constructor(options: PostgresDialectOptions) {
    this.namespace = checkSchema(options.schema ?? DEFAULT_SCHEMA);
    const connectTimeoutMs = checkTimeout(options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS);
    const schemaNote = ` (schema ${this.namespace})`;
    const callers: ErrorContext = { address: undefined, user: undefined, database: undefined, schema: this.namespace, password: undefined };
    if ('url' in options && options.url !== undefined) {
      const settings = parsePostgresUrl(options.url);
      this.connector = new PostgresConnector({ kind: 'url', settings }, connectTimeoutMs, SESSION_SETTINGS);
      this.displayTarget = displayUrl(settings) + schemaNote;
      const address = `${settings.host.includes(':') ? `[${settings.host}]` : settings.host}:${settings.port}`;
      this.errors = new PostgresErrors({
        address,
        user: settings.user,
        database: settings.database,
        schema: this.namespace,
        password: settings.password,
      });
    } else if ('pool' in options && options.pool) {
      this.connector = new PostgresConnector({ kind: 'pool', pool: options.pool }, connectTimeoutMs, []);
      this.displayTarget = `postgres (caller's pool)${schemaNote}`;
      this.errors = new PostgresErrors(callers);
    } else if ('client' in options && options.client) {
      this.connector = new PostgresConnector({ kind: 'client', client: options.client }, connectTimeoutMs, []);
      this.displayTarget = `postgres (caller's client)${schemaNote}`;
      this.errors = new PostgresErrors(callers);
    } else {
      throw new ConfigurationError('postgresDialect needs a url, a pg.Pool (pool) or a connected pg.Client (client)');
    }
    this.emitter = new PostgresEmitter(this.namespace);
    this.introspector = new PostgresIntrospector(this.namespace);
    this.lock = new PostgresLock(this.namespace);
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
