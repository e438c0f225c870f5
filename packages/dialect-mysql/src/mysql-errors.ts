import type { DatabaseErrorKind } from '@agno-migrate/core';
import { AgnoMigrateError, DatabaseError } from '@agno-migrate/core';

interface DriverError {
  readonly code?: string;
  readonly errno?: number;
  readonly message?: string;
}

function driverError(error: unknown): DriverError {
  return typeof error === 'object' && error !== null ? (error as DriverError) : {};
}

const ER_NO_SUCH_TABLE = 1146;
const ER_BAD_DB_ERROR = 1049;
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNRESET',
  'EAI_AGAIN',
  'PROTOCOL_CONNECTION_LOST',
]);
const PERMISSION_ERRNOS = new Set([1044, 1142, 1143, 1227]);

/**
 * Reading the versions table of a database that does not exist yet is "no table" too (MySQL says
 * 1146 for `missing_db.t`; 1049 is kept for servers that report the database instead).
 */
export function isMysqlUndefinedTable(error: unknown): boolean {
  const { errno, code } = driverError(error);
  return errno === ER_NO_SUCH_TABLE || code === 'ER_NO_SUCH_TABLE' || errno === ER_BAD_DB_ERROR;
}

/** Where the run talks to, for messages: `host:port` or a description of the caller's pool. */
export interface MysqlErrorContext {
  readonly server: string;
  readonly database: string;
  /** How messages name the server; `MySQL` unless a variant says otherwise. */
  readonly product?: string;
}

/**
 * mysql2 errors → core's DatabaseError with what to do next. Server messages never contain the
 * password (1045 says only "using password: YES"), and the URL is never repeated.
 */
export function translateMysqlError(error: unknown, where: MysqlErrorContext): Error {
  if (error instanceof AgnoMigrateError || (error instanceof Error && 'exitCode' in error)) return error;
  const { code = '', errno } = driverError(error);
  const product = where.product ?? 'MySQL';
  const message = error instanceof Error ? error.message : String(error);
  const make = (kind: DatabaseErrorKind, text: string) =>
    new DatabaseError(text, { kind, ...(code ? { driverCode: code } : {}), ...(errno ? { errno } : {}) }, { cause: error });

  if (errno === 1045 || code === 'ER_ACCESS_DENIED_ERROR') {
    return make('authentication', `${product} at ${where.server} refused the login (${message}): check the user name and password`);
  }
  if (errno === ER_BAD_DB_ERROR || code === 'ER_BAD_DB_ERROR') {
    return make('unknown-database', `${message} on ${product} at ${where.server}: create the database, or name an existing one in the URL or --schema`);
  }
  if (CONNECTION_CODES.has(code)) {
    return make('connection', `cannot reach ${product} at ${where.server} (${code}): is ${product} running at ${where.server}, and reachable from here?`);
  }
  if ((errno !== undefined && PERMISSION_ERRNOS.has(errno)) || /_ACCESS_DENIED_ERROR$/.test(code)) {
    return make('permission', `the ${product} user lacks a privilege (${message}): grant it CREATE, ALTER, INDEX, SELECT, INSERT, UPDATE and DELETE on \`${where.database}\``);
  }
  if (errno === ER_NO_SUCH_TABLE) return make('undefined-table', `${product}: ${message}`);
  if (errno === 1290 || errno === 1792) {
    return make('read-only', `${product} at ${where.server} is read-only (${message}): run against the primary`);
  }
  if (errno === 1205 || errno === 1213) return make('busy', `${product}: ${message}: another session holds locks on the table; try again`);
  return make('other', code ? `${product}: ${message} (${code})` : `${product}: ${message}`);
}
