export { createMigrationHandler } from './handler.js';
export type { MigrationHandler, MigrationHandlerOptions } from './handler.js';
export type { DatabaseEntry } from './databases.js';
export { toNodeListener } from './node-listener.js';
export type { TableSummary } from './outcome.js';
export type { JwtOptions } from './jwt.js';
export { JwtVerifier, jwtOptionsFromEnvironment } from './jwt.js';
