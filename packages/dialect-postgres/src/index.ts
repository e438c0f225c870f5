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
export { postgresColumnType } from './postgres-types.js';
export { PostgresRunsSql } from './postgres-runs.js';
