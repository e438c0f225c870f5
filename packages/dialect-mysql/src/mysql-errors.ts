import type { DatabaseErrorKind } from '@agno-migrate/core/dialect';
import { AgnoMigrateError, BaseErrors, DatabaseError } from '@agno-migrate/core/dialect';

/** Set on an error raised while the connection was being opened (see the connector). */
export const CONNECTING = Symbol('mysql-connecting');

interface DriverError {
  readonly [CONNECTING]?: boolean;
  readonly code?: string;
  readonly errno?: number;
  readonly message?: string;
}

function driverError(error: unknown): DriverError {
  return typeof error === 'object' && error !== null ? (error as DriverError) : {};
}

const ER_NO_SUCH_TABLE = 1146;
const ER_BAD_DB_ERROR = 1049;
/** The server cannot be reached at all. */
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
/** A session that was there and ended: killed, timed out by the server, or the server went away. */
const LOST_CODES = new Set([
  'PROTOCOL_CONNECTION_LOST',
  'ECONNRESET',
  'EPIPE',
  'ER_CONNECTION_KILLED',
  'ER_SERVER_SHUTDOWN',
  'ER_CLIENT_INTERACTION_TIMEOUT',
]);
/** 1927 ER_CONNECTION_KILLED (MariaDB), 1053 server shutdown, 4031 idle timeout (MySQL 8), 2006/2013 server gone/lost. */
const LOST_ERRNOS = new Set([1927, 1053, 4031, 2006, 2013]);
/** 1317 KILL QUERY; 3024 MySQL's max_execution_time; 1969 MariaDB's max_statement_time. */
const INTERRUPTED_ERRNOS = new Set([1317, 3024, 1969]);
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
  const { code = '', errno, [CONNECTING]: connecting = false } = driverError(error);
  const product = where.product ?? 'MySQL';
  const message = error instanceof Error ? error.message : String(error);
  const make = (kind: DatabaseErrorKind, text: string) =>
    new DatabaseError(text, { kind, ...(code ? { driverCode: code } : {}), ...(errno ? { errno } : {}) }, { cause: error });

  if (errno === 1045 || code === 'ER_ACCESS_DENIED_ERROR') {
    return make('authentication', `${product} at ${where.server} refused the login (${message}): check the user name and password`);
  }
  if (errno === ER_BAD_DB_ERROR || code === 'ER_BAD_DB_ERROR') {
    return make(
      'unknown-database',
      `${message} on ${product} at ${where.server}: create the database, or name an existing one in the URL or --schema`,
    );
  }
  if (CONNECTION_CODES.has(code) || (connecting && LOST_CODES.has(code))) {
    return make(
      'connection',
      `cannot reach ${product} at ${where.server} (${code}): is ${product} running at ${where.server}, and reachable from here?`,
    );
  }
  if (LOST_CODES.has(code) || (errno !== undefined && LOST_ERRNOS.has(errno))) {
    return make(
      'connection',
      `${product} at ${where.server} ended the session (${message}): it was killed, timed out or the server restarted; ` +
        `DDL already run is kept (${product} commits each statement), and running the command again finishes the work`,
    );
  }
  if (errno !== undefined && INTERRUPTED_ERRNOS.has(errno)) {
    return make(
      'interrupted',
      `${product} interrupted the statement (${message}): KILL QUERY, or a server time limit (max_execution_time / max_statement_time); running the command again continues`,
    );
  }
  if ((errno !== undefined && PERMISSION_ERRNOS.has(errno)) || /_ACCESS_DENIED_ERROR$/.test(code)) {
    return make('permission', permissionMessage(product, message, where.database));
  }
  if (errno === ER_NO_SUCH_TABLE) return make('undefined-table', `${product}: ${message}`);
  if (errno === 1290 || errno === 1792) {
    return make('read-only', `${product} at ${where.server} is read-only (${message}): run against the primary`);
  }
  if (errno === 1205 || errno === 1213) return make('busy', `${product}: ${message}: another session holds locks on the table; try again`);
  return make('other', code ? `${product}: ${message} (${code})` : `${product}: ${message}`);
}

/**
 * "CREATE command denied to user 'u'@'h' for table `db`.`t`" → who may not do what, and the GRANT
 * that fixes it; other denials keep the server's words.
 */
function permissionMessage(product: string, message: string, database: string): string {
  const privileges = 'CREATE, ALTER, INDEX, SELECT, INSERT, UPDATE, DELETE';
  const denied = /^(\w+) command denied to user '([^']*)'@'([^']*)'(?: for table [`']?(.+?)[`']?)?$/i.exec(message.trim());
  if (denied) {
    const [, command, user, host, table] = denied;
    return (
      `the ${product} user '${user}'@'${host}' has no ${command!.toUpperCase()} privilege${table ? ` on ${table.replace(/[`']/g, '')}` : ''}: ` +
      `grant it what a migration needs (GRANT ${privileges} ON \`${database}\`.* TO '${user}'@'${host}')`
    );
  }
  return `${message}: the ${product} user needs ${privileges} on \`${database}\`.*`;
}

export class MysqlErrors extends BaseErrors {
  constructor(private readonly context: MysqlErrorContext) {
    super(context.product ?? 'MySQL');
  }

  override translate(error: unknown): Error {
    return translateMysqlError(error, this.context);
  }

  override isUndefinedTable(error: unknown): boolean {
    return isMysqlUndefinedTable(error);
  }
}
