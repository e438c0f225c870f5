import { AgnoMigrateError, BaseErrors, DatabaseError, LockTimeoutError } from '@agno-migrate/core/dialect';

function sqliteCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
}

export function isBusy(error: unknown): boolean {
  return /^SQLITE_(BUSY|LOCKED)/.test(sqliteCode(error));
}

export function isUndefinedTable(error: unknown): boolean {
  return error instanceof Error && /no such table/i.test(error.message);
}

/** better-sqlite3's SqliteError → core's typed errors, with what to do next. */
export function translateSqliteError(error: unknown): Error {
  if (error instanceof AgnoMigrateError) return error;
  const code = sqliteCode(error);
  const message = error instanceof Error ? error.message : String(error);
  if (code.startsWith('SQLITE_READONLY')) {
    return new DatabaseError(
      `the SQLite database is read-only (${message}): check the file's permissions`,
      { kind: 'read-only' },
      { cause: error },
    );
  }
  if (isBusy(error)) {
    // The run's own lock is a write transaction that lets readers in, so a busy file anywhere in a
    // run (even the first query, before the lock) means another process holds a lock on it.
    return new LockTimeoutError(
      `another process holds a lock on the SQLite database file (${message}): try again when it has finished, or raise --lock-timeout`,
      { kind: 'busy' },
      { cause: error },
    );
  }
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    return new DatabaseError(`the file is not a usable SQLite database (${message})`, { kind: 'connection' }, { cause: error });
  }
  if (code === 'SQLITE_CANTOPEN') {
    return new DatabaseError(`cannot open the SQLite database (${message})`, { kind: 'connection' }, { cause: error });
  }
  return new DatabaseError(`SQLite: ${message}`, { kind: 'other' }, { cause: error });
}

export class SqliteErrors extends BaseErrors {
  constructor() {
    super('sqlite');
  }

  override translate(error: unknown): Error {
    return translateSqliteError(error);
  }

  override isUndefinedTable(error: unknown): boolean {
    return isUndefinedTable(error);
  }
}
