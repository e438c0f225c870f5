import type { Connection, QueryResult, Row, SessionSetting, WriteLimits } from '@agno-migrate/core/dialect';
import {
  BaseConnector,
  BATCH_BYTES,
  checkNotStopped,
  DatabaseError,
  TABLE_LOCK_WAIT_MS,
  trackCancellable,
} from '@agno-migrate/core/dialect';
import type { MysqlClient, MysqlDriverModule, MysqlPool, MysqlQueryable } from './mysql-driver-types.js';
import { interpolate } from './mysql-format.js';
import type { MysqlUrl } from './mysql-url.js';
import { CONNECTING } from './mysql-errors.js';

export type MysqlSource = { readonly url: MysqlUrl } | { readonly client: MysqlClient };

/** One pinned connection for the whole run, so GET_LOCK and the migration share a session. */
export async function openMysql(source: MysqlSource, connectTimeoutMs: number): Promise<Connection> {
  if ('url' in source) return connectUrl(source.url, connectTimeoutMs);
  const client = source.client;
  if (isPool(client)) {
    const pinned = await withTimeout(client.getConnection(), connectTimeoutMs, (late) => late.release());
    return wrap(
      pinned,
      async () => pinned.release(),
      async (sql) => {
        const other = await client.getConnection();
        try {
          await other.query(sql);
        } finally {
          other.release();
        }
      },
    );
  }
  // A connection the caller passed in stays theirs to close (and there is no second one to cancel from).
  return wrap(client, async () => {});
}

function markConnecting(error: unknown): unknown {
  if (typeof error === 'object' && error !== null) Object.defineProperty(error, CONNECTING, { value: true });
  return error;
}

async function connectUrl(url: MysqlUrl, connectTimeoutMs: number): Promise<Connection> {
  const driver = await loadDriver();
  const config = {
    host: url.host,
    port: url.port,
    ...(url.user === undefined ? {} : { user: url.user }),
    ...(url.password === undefined ? {} : { password: url.password }),
    ...(url.database === undefined ? {} : { database: url.database }),
    connectTimeout: connectTimeoutMs,
    charset: 'utf8mb4',
    supportBigNumbers: true,
    bigNumberStrings: false,
    multipleStatements: false,
    // A server that vanished (host down, network cut) is noticed instead of waited on forever.
    enableKeepAlive: true,
    keepAliveInitialDelay: 10_000,
  };
  let connection: Awaited<ReturnType<typeof driver.createConnection>>;
  try {
    connection = await driver.createConnection(config);
  } catch (error) {
    // A reset before the handshake ends is a server never reached, not a session that ended.
    throw markConnecting(error);
  }
  // Without a listener, a server-side disconnect between queries would crash the process; the next
  // query reports it instead.
  (connection as { on?: (event: string, listener: () => void) => unknown }).on?.('error', () => {});
  sessionSettings(connection);
  return wrap(
    connection,
    () => connection.end(),
    async (sql) => {
      const other = await driver.createConnection(config);
      try {
        await other.query(sql);
      } finally {
        await other.end().catch(() => {});
      }
    },
  );
}

/**
 * The run's own session lifts a role's statement time limit, sent without waiting for the answer
 * (the next query queues behind it): MySQL's `max_execution_time` (SELECTs only) and MariaDB's
 * `max_statement_time` (every statement); each server refuses the other's, which is ignored.
 * A metadata lock is waited for a second at most (`lock_wait_timeout`): an ALTER queued behind an
 * application's open transaction would queue every writer of the table behind it; core retries the
 * step until --lock-timeout. Row-lock waits (`innodb_lock_wait_timeout`) stay as the role sets them. MySQL
 * has no way to notice a client that died mid-statement (PostgreSQL's
 * client_connection_check_interval): after a SIGKILL the server finishes the statement in flight,
 * then ends the session and releases GET_LOCK with it.
 */
export const SESSION_SETTINGS_SQL = [
  'SET SESSION max_execution_time = 0',
  'SET SESSION max_statement_time = 0',
  `SET SESSION lock_wait_timeout = ${TABLE_LOCK_WAIT_MS / 1000}`,
] as const;

export const SESSION_SETTINGS: readonly SessionSetting[] = [
  {
    sql: 'SET SESSION max_execution_time = 0 (MySQL) / max_statement_time = 0 (MariaDB)',
    why: "a user's statement time limit would stop a long step, or the lock wait, every time",
  },
  {
    sql: `SET SESSION lock_wait_timeout = ${TABLE_LOCK_WAIT_MS / 1000}`,
    why: "an ALTER waiting for an application's open transaction would stall every writer of the table behind it; the step is retried until --lock-timeout",
  },
];

function sessionSettings(connection: MysqlQueryable): void {
  for (const statement of SESSION_SETTINGS_SQL) connection.query(statement).catch(() => {});
}

async function loadDriver(): Promise<MysqlDriverModule> {
  const specifier = 'mysql2/promise';
  try {
    const loaded = (await import(specifier)) as MysqlDriverModule & { default?: MysqlDriverModule };
    return typeof loaded.createConnection === 'function' ? loaded : loaded.default!;
  } catch (error) {
    throw new DatabaseError('the MySQL driver is not installed: run `npm install mysql2`', { kind: 'driver-missing' }, { cause: error });
  }
}

function isPool(client: MysqlClient): client is MysqlPool {
  return typeof (client as Partial<MysqlPool>).getConnection === 'function';
}

/** mysql2's promise wrapper keeps the session's id on itself or on the callback connection inside. */
function threadIdOf(client: MysqlQueryable): number | undefined {
  const c = client as { threadId?: unknown; connection?: { threadId?: unknown } };
  const id = c.threadId ?? c.connection?.threadId;
  return typeof id === 'number' ? id : undefined;
}

/**
 * `onSecond` runs one statement on a second connection: the way to `KILL QUERY` this session's
 * statement in flight when the command is interrupted (the session, its GET_LOCK and its
 * transaction stay, and the run unwinds through its own error path).
 */
function wrap(client: MysqlQueryable, close: () => Promise<void>, onSecond?: (sql: string) => Promise<void>): Connection {
  let closed = false;
  let running = 0;
  const id = threadIdOf(client);
  const untrack =
    onSecond && id !== undefined
      ? trackCancellable({ cancel: () => (running > 0 ? onSecond(`KILL QUERY ${id}`) : Promise.resolve()) })
      : () => {};
  return {
    async query(sql: string, params: readonly unknown[]): Promise<QueryResult> {
      checkNotStopped();
      running++;
      try {
        const [result] = await client.query(interpolate(sql, params, (v) => client.escape(v)));
        if (Array.isArray(result)) return { rows: result as Row[], affectedRows: 0 };
        return { rows: [], affectedRows: Number((result as { affectedRows?: unknown } | undefined)?.affectedRows ?? 0) };
      } finally {
        running--;
      }
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      untrack();
      await close();
    },
  };
}

/** A pool has no timeout of its own for waiting on a free connection. */
function withTimeout<T>(work: Promise<T>, ms: number, discard: (late: T) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => {
      settled = true;
      reject(new DatabaseError(`no connection from the MySQL pool within ${ms} ms: is the pool exhausted?`, { kind: 'connection' }));
    }, ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        if (settled) discard(value);
        else resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        if (!settled) reject(error);
      },
    );
  });
}

/** One pinned connection for the run, from a URL (with the session settings) or the caller's pool or connection. */
export class MysqlConnector extends BaseConnector {
  /** mysql2 builds Dates of zone-less datetimes in local time. */
  override readonly wallClockDates = true;

  constructor(
    private readonly source: MysqlSource,
    private readonly timeoutMs: number,
    /** Only sessions the connector opens from a URL: a caller's connection or pool keeps its own settings. */
    override readonly sessionSettings: readonly SessionSetting[],
  ) {
    super();
  }

  connect(): Promise<Connection> {
    return openMysql(this.source, this.timeoutMs);
  }

  /**
   * Values are interpolated client-side, so parameters are unlimited but the statement must fit in
   * max_allowed_packet (a larger one makes the server drop the connection): batches take a quarter
   * of it, and one row may take up to half (escaping can double its size).
   */
  async writeLimits(connection: Connection): Promise<WriteLimits> {
    const result = await connection.query('SELECT @@max_allowed_packet AS packet', []);
    const packet = Number(result.rows[0]?.['packet'] ?? 4 * 1024 * 1024);
    return {
      maxParams: Number.MAX_SAFE_INTEGER,
      batchBytes: Math.min(BATCH_BYTES, Math.floor(packet / 4)),
      maxRowBytes: Math.floor(packet / 2),
    };
  }
}
