import type { Connection, QueryResult } from '@agno-migrate/core';
import { ConfigurationError } from '@agno-migrate/core';
import { createRequire } from 'node:module';
import type { SqliteDatabase, SqliteStatement } from './sqlite-driver-types.js';

export interface SqliteConnectOptions {
  /** A file path or `:memory:`. */
  readonly path?: string;
  /** An open better-sqlite3 Database: used as is and not closed by the tool. */
  readonly database?: SqliteDatabase;
  /** Refuse to create the file when it does not exist (read-only commands). */
  readonly mustExist?: boolean;
}

const require = createRequire(import.meta.url);

function loadDriver(): new (path: string, options?: { fileMustExist?: boolean }) => SqliteDatabase {
  try {
    return require('better-sqlite3');
  } catch (error) {
    throw new ConfigurationError('the SQLite driver is not installed: run `npm install better-sqlite3`', {}, { cause: error });
  }
}

/** better-sqlite3 binds numbers, strings, bigints, buffers and null only. */
function bindable(value: unknown): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) return JSON.stringify(value);
  return value ?? null;
}

/**
 * Prepared statements kept per connection, keyed by their SQL. A migration sends the same few
 * statements (a page read, a batch INSERT of 1,000 rows, the resume point) hundreds of times, and
 * compiling a 15,000-parameter INSERT each time costs as much as running it. Bounded, least
 * recently used out first; SQLite recompiles a kept statement itself after a schema change.
 */
export const STATEMENT_CACHE_SIZE = 32;

function statementCache(db: SqliteDatabase): (text: string) => SqliteStatement {
  const cache = new Map<string, SqliteStatement>();
  return (text) => {
    let statement = cache.get(text);
    if (statement) {
      // Re-inserted: a Map iterates in insertion order, so the first key is the least recently used.
      cache.delete(text);
    } else {
      statement = db.prepare(text);
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    }
    cache.set(text, statement);
    return statement;
  };
}

export function openSqlite(options: SqliteConnectOptions): Connection {
  const owned = options.database === undefined;
  const db = options.database ?? openFile(options.path ?? './agno.db', options.mustExist ?? false);
  const prepare = statementCache(db);
  const querySync = (text: string, params: readonly unknown[]): QueryResult => {
    const statement = prepare(text);
    const values = params.map(bindable);
    if (statement.reader) return { rows: statement.all(...values) as Record<string, unknown>[], affectedRows: 0 };
    return { rows: [], affectedRows: statement.run(...values).changes };
  };
  const closeSync = () => {
    if (owned && db.open) db.close();
  };
  return {
    querySync,
    closeSync,
    query: async (text, params) => querySync(text, params),
    close: async () => closeSync(),
  };
}

function openFile(path: string, mustExist: boolean): SqliteDatabase {
  const Database = loadDriver();
  try {
    return new Database(path, { fileMustExist: mustExist });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigurationError(`cannot open SQLite database ${path}: ${reason}`, { path }, { cause: error });
  }
}
