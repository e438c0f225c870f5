export { SqliteDialect, sqliteDialect } from './sqlite-dialect.js';
export type { SqliteDialectOptions, SqliteDatabase } from './sqlite-dialect.js';
export { SqliteConnector } from './sqlite-connector.js';
export { SqliteEmitter } from './sqlite-emitter.js';
export { SqliteIntrospector } from './sqlite-introspector.js';
export { SqliteLock } from './sqlite-lock.js';
export { SqliteErrors } from './sqlite-errors.js';
export { sqliteColumnType } from './sqlite-types.js';
export { SqliteRunsSql } from './sqlite-runs.js';
