export { PostgresDialect, postgresDialect } from './postgres-dialect.js';
export type {
  PostgresDialectOptions,
  PostgresUrlOptions,
  PostgresPoolOptions,
  PostgresClientOptions,
  PostgresPool,
  PostgresPoolClient,
  PostgresClient,
  PostgresQueryResult,
} from './postgres-config.js';
export { PostgresConnector } from './postgres-connector.js';
export { PostgresEmitter } from './postgres-emitter.js';
export { PostgresIntrospector } from './postgres-introspector.js';
export { PostgresLock } from './postgres-lock.js';
export { PostgresErrors } from './postgres-errors.js';
export { postgresColumnType } from './postgres-types.js';
export { PostgresRunsSql } from './postgres-runs.js';
