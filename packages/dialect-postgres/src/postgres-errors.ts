import type { DatabaseErrorKind } from '@agno-migrate/core/dialect';
import { AgnoMigrateError, BaseErrors, DatabaseError } from '@agno-migrate/core/dialect';
import { redactUrl } from './postgres-url.js';

/** What an error message may say about the target: never the password. */
export interface ErrorContext {
  /** `host:port`, or undefined for a caller's own pool or client. */
  readonly address: string | undefined;
  readonly user: string | undefined;
  readonly database: string | undefined;
  readonly schema: string;
  /** Only to scrub it from driver messages; never printed. */
  readonly password: string | undefined;
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
]);
/** Codes only opening a connection can meet. */
const CONNECT_ONLY_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const TLS_CODES = /^(SELF_SIGNED_CERT|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_|CERT_|ERR_TLS_|ERR_SSL_)/;

function code(error: unknown): string {
  const value = (error as { code?: unknown } | null)?.code;
  return typeof value === 'string' ? value : '';
}

/** The SQLSTATE of a server error, or '' for network and driver errors. */
export function sqlState(error: unknown): string {
  const c = code(error);
  return /^[0-9A-Z]{5}$/.test(c) ? c : '';
}

export function isUndefinedTable(error: unknown): boolean {
  return sqlState(error) === '42P01';
}

/** The session is gone (network, server shutdown, closed client): its locks and transaction went with it. */
export function isConnectionLost(error: unknown): boolean {
  const state = sqlState(error);
  if (state.startsWith('08') || state === '57P01' || state === '57P02' || state === '57P03') return true;
  if (NETWORK_CODES.has(code(error))) return true;
  return /connection terminated|client was closed|not queryable|connection.*(closed|ended)/i.test(messageOf(error));
}

/** Set on an error raised while the connection was being opened (see the connector). */
export const CONNECTING = Symbol('postgres-connecting');

export function markConnecting(error: unknown): unknown {
  if (typeof error === 'object' && error !== null) Object.defineProperty(error, CONNECTING, { value: true });
  return error;
}

/**
 * A network failure of a connection that was being opened (or one only an opening can have): the
 * server was not reached. Any other broke a session that existed.
 */
function neverConnected(error: unknown, message: string): boolean {
  if ((error as { [CONNECTING]?: boolean } | null)?.[CONNECTING] === true) return true;
  if (CONNECT_ONLY_CODES.has(code(error))) return true;
  return /^connect |connection timeout/i.test(message);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** node-postgres and network errors → core's DatabaseError, saying what to do next. */
export function translatePostgresError(error: unknown, ctx: ErrorContext): Error {
  if (error instanceof AgnoMigrateError) return error;
  const message = scrub(messageOf(error), ctx.password);
  const state = sqlState(error);
  const where = ctx.address ? `PostgreSQL at ${ctx.address}` : 'the PostgreSQL server';
  const user = ctx.user ? ` for user ${JSON.stringify(ctx.user)}` : '';
  const who = ctx.user ? `user ${JSON.stringify(ctx.user)}` : 'the user of the connection';
  const fail = (kind: DatabaseErrorKind, text: string) =>
    new DatabaseError(text, { kind, ...(state ? { sqlState: state } : {}) }, { cause: error });

  if (state === '28P01' || (!state && /client password must be a string/i.test(message))) {
    return fail('authentication', `${where} rejected the password${user}: check the password in the URL or in PGPASSWORD`);
  }
  if (state === '28000') {
    return fail('authentication', `${where} refused the connection${user} (${message}): check the user name and the server's pg_hba.conf`);
  }
  if (state === '3D000') {
    const db = ctx.database ? `database ${JSON.stringify(ctx.database)}` : 'the database';
    return fail('unknown-database', `${db} does not exist on ${where}: create it (createdb) or correct the database in the URL`);
  }
  if (state === '3F000') {
    return fail(
      'unknown-database',
      `schema ${JSON.stringify(ctx.schema)} does not exist (${message}): run \`agno-migrate init\` to create it, or correct --schema`,
    );
  }
  if (state === '42501' && /permission denied for database/i.test(message)) {
    // PostgreSQL checks this privilege before it looks whether the schema already exists.
    return fail(
      'permission',
      `${message}: CREATE SCHEMA IF NOT EXISTS ${JSON.stringify(ctx.schema)} needs CREATE on the database even when the schema exists; grant it to ${who}`,
    );
  }
  if (state === '42501') {
    return fail(
      'permission',
      `${message}: grant ${who} USAGE and CREATE on schema ${JSON.stringify(ctx.schema)} and SELECT, INSERT, UPDATE and DELETE on its tables (altering a table needs its owner)`,
    );
  }
  if (state === '42P01') return fail('undefined-table', `PostgreSQL: ${message}`);
  if (state === '25006') return fail('read-only', `${where} is read-only (${message}): connect to the primary server`);
  if (state === '55P03' || state === '40P01') {
    return fail('busy', `PostgreSQL: ${message}: another session holds a lock on the table; try again when it has finished`);
  }
  if (state === '57014') {
    // Each step is one transaction: the cancelled statement's step was rolled back.
    return fail(
      'interrupted',
      `PostgreSQL cancelled the statement (${message}): a cancel request or statement_timeout; the step it belonged to was rolled back, running the command again continues`,
    );
  }
  if (state === '53300' || state === '57P03')
    return fail('connection', `${where} cannot accept the connection now (${message}): try again later`);
  if (state.startsWith('08') || state === '57P01' || state === '57P02' || state === '57P05' || state === '25P03') {
    // Each step is one transaction, so the interrupted one was rolled back: running again is safe.
    return fail('connection', `${where} ended the session (${message}): the interrupted step was rolled back; run the command again`);
  }
  if (/does not support SSL/i.test(message)) {
    return fail('connection', `${where} does not support SSL: use sslmode=disable (or prefer) in the URL`);
  }
  if (TLS_CODES.test(code(error))) {
    return fail(
      'connection',
      `cannot verify the TLS certificate of ${where} (${message}): give its CA with sslrootcert=…, or use sslmode=require to encrypt without verifying`,
    );
  }
  if (code(error) === 'ENOTFOUND' || code(error) === 'EAI_AGAIN') {
    return fail('connection', `cannot resolve the host of ${where} (${message}): check the host name in the URL`);
  }
  const network =
    NETWORK_CODES.has(code(error)) || (!state && /timeout|connection terminated|not queryable|client was closed/i.test(message));
  if (network && neverConnected(error, message)) {
    const at = ctx.address ?? 'the configured host and port';
    return fail('connection', `cannot reach ${where} (${message}): is PostgreSQL running at ${at}?`);
  }
  if (network) {
    // The connection broke under a session that was there (server killed, network cut).
    return fail('connection', `${where} ended the session (${message}): the interrupted step was rolled back; run the command again`);
  }
  return fail('other', `PostgreSQL: ${message}${state ? ` (SQLSTATE ${state})` : ''}`);
}

function scrub(message: string, password: string | undefined): string {
  const redacted = redactUrl(message);
  // Very short passwords are left alone: replacing them would garble the message and reveal their length.
  return password && password.length >= 4 ? redacted.split(password).join('***') : redacted;
}

export class PostgresErrors extends BaseErrors {
  constructor(private readonly context: ErrorContext) {
    super('postgres');
  }

  override translate(error: unknown): Error {
    return translatePostgresError(error, this.context);
  }

  override isUndefinedTable(error: unknown): boolean {
    return isUndefinedTable(error);
  }
}
