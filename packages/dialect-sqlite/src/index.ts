export { SqliteDialect, sqliteDialect } from './sqlite-dialect.js';
export type { SqliteDialectOptions, SqliteDatabase } from './sqlite-dialect.js';
export { sqliteColumnType } from './sqlite-types.js';
export { SqliteRunsSql } from './sqlite-runs.js';
