import type { Connection, QueryResult } from '@agno-migrate/core';
import { ConfigurationError } from '@agno-migrate/core';
import { createRequire } from 'node:module';
import type { SqliteDatabase } from './sqlite-driver-types.js';

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

export function openSqlite(options: SqliteConnectOptions): Connection {
  const owned = options.database === undefined;
  const db = options.database ?? openFile(options.path ?? './agno.db', options.mustExist ?? false);
  const querySync = (text: string, params: readonly unknown[]): QueryResult => {
    const statement = db.prepare(text);
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
