import type { Connection, QueryResult, WriteLimits } from '@agno-migrate/core/dialect';
import { BaseConnector, BATCH_BYTES, compareVersions, ConfigurationError, DatabaseError, HUGE_ROW_BYTES } from '@agno-migrate/core/dialect';
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

/** SQLite ≥ 3.53 is needed for ALTER COLUMN … SET NOT NULL (2.3.0's memories.created_at). */
const MIN_VERSION = '3.53.0';

/** One better-sqlite3 connection: synchronous, so the manager can also run without awaiting. */
export class SqliteConnector extends BaseConnector {
  constructor(private readonly options: SqliteConnectOptions) {
    super();
  }

  async connect(): Promise<Connection> {
    return this.connectSync();
  }

  connectSync(): Connection {
    const connection = openSqlite(this.options);
    const [row] = connection.querySync!('SELECT sqlite_version() AS v', []).rows;
    const version = String(row?.['v'] ?? '0');
    const tooOld = compareVersions(version, MIN_VERSION) < 0;
    if (tooOld) {
      connection.closeSync!();
      throw new DatabaseError(
        `SQLite ${version} is too old: agno-migrate needs ${MIN_VERSION} or newer (better-sqlite3 12.11 or newer bundles it)`,
        { kind: 'connection' },
      );
    }
    return connection;
  }

  /** SQLITE_MAX_VARIABLE_NUMBER since 3.32; SQLITE_MAX_LENGTH (1e9 bytes) caps a value. */
  async writeLimits(): Promise<WriteLimits> {
    return { maxParams: 32_766, batchBytes: BATCH_BYTES, maxRowBytes: HUGE_ROW_BYTES };
  }
}
