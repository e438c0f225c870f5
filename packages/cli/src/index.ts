export { main } from './main.js';
export { parseDatabaseUrl, redactUrl } from './database-url.js';
export type { DatabaseTarget, DialectKind } from './database-url.js';
