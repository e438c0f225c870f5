import type { Connection, SessionSetting, WriteLimits } from '@agno-migrate/core/dialect';
import { BaseConnector, BATCH_BYTES, checkNotStopped, DatabaseError, HUGE_ROW_BYTES, trackCancellable } from '@agno-migrate/core/dialect';
import { cancelRequest } from './postgres-cancel.js';
import type { PostgresClient, PostgresOwnedClient, PostgresPool } from './postgres-config.js';
import { APPLICATION_NAME } from './postgres-config.js';
import type { PostgresSettings } from './postgres-url.js';
import { markConnecting } from './postgres-errors.js';

export type PostgresSource =
  | { readonly kind: 'url'; readonly settings: PostgresSettings }
  | { readonly kind: 'pool'; readonly pool: PostgresPool }
  | { readonly kind: 'client'; readonly client: PostgresClient };

type ClientConstructor = new (config: Record<string, unknown>) => PostgresOwnedClient;

/** One pinned connection per run, so the session lock and each step's transaction stay on it. */
export async function openPostgres(source: PostgresSource, timeoutMs: number): Promise<Connection> {
  switch (source.kind) {
    case 'url':
      return openOwned(source.settings, timeoutMs);
    case 'pool': {
      const client = await withTimeout(source.pool.connect(), timeoutMs, (late) => late.release()).catch((error: unknown) => {
        throw markConnecting(error);
      });
      return borrow(client, (broken) => client.release(broken ?? undefined));
    }
    case 'client':
      return borrow(source.client, () => {});
  }
}

/**
 * node-postgres sends a JS array as a PostgreSQL array literal, which a json/jsonb column rejects;
 * every structured value the tool binds is a JSON document, so it is serialised here.
 */
export function toPgValue(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === 'bigint') return value.toString();
  if (value === null || typeof value !== 'object' || value instanceof Date || Buffer.isBuffer(value)) return value;
  return JSON.stringify(value);
}

async function loadClient(): Promise<ClientConstructor> {
  try {
    const mod = (await import('pg')) as unknown as { default?: { Client: ClientConstructor }; Client?: ClientConstructor };
    const Client = mod.default?.Client ?? mod.Client;
    if (!Client) throw new Error('pg exports no Client');
    return Client;
  } catch (error) {
    throw new DatabaseError('the PostgreSQL driver is not installed: run `npm install pg`', { kind: 'driver-missing' }, { cause: error });
  }
}

async function openOwned(s: PostgresSettings, timeoutMs: number): Promise<Connection> {
  const Client = await loadClient();
  const client = new Client({
    host: s.host,
    port: s.port,
    user: s.user,
    password: s.password,
    database: s.database,
    ssl: s.ssl,
    enableChannelBinding: s.channelBinding,
    application_name: APPLICATION_NAME,
    connectionTimeoutMillis: timeoutMs,
    // A server that vanished (host down, network cut) is noticed instead of waited on forever.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  });
  const onError = () => {};
  // Without a listener, a server-side disconnect between queries would crash the process.
  client.on?.('error', onError);
  try {
    await client.connect();
  } catch (error) {
    // A reset or close before the handshake ends is a server never reached, not a session that ended.
    throw markConnecting(error);
  }
  sessionSettings(client);
  let closed = false;
  return wrap(client, async () => {
    if (closed) return;
    closed = true;
    await client.end().catch(() => {});
  });
}

/**
 * Settings of the run's own session, sent right after connecting without waiting for the answer
 * (the next query queues behind it, so they cost no round trip):
 * - `client_connection_check_interval` (PostgreSQL 14+): a backend whose client died (SIGKILL, a
 *   crash) notices within a second and aborts the statement, rolling back and freeing the run's
 *   locks, instead of finishing an orphaned statement; older servers skip it.
 * - TCP keepalives from the server: a client host that vanished is noticed within about a minute.
 * - `statement_timeout` 0: a role's timeout (common on managed PostgreSQL) would otherwise cut a
 *   long step off every time it runs; each step is one transaction and is rolled back whole.
 *   `idle_in_transaction_session_timeout` is left as the role sets it: the run never sits idle in
 *   a transaction. Each step sets its own short `lock_timeout` (see the dialect's step transaction).
 */
export const SESSION_SETTINGS_SQL =
  "SELECT set_config('statement_timeout', '0', false), set_config('tcp_keepalives_idle', '30', false), " +
  "set_config('tcp_keepalives_interval', '10', false), set_config('tcp_keepalives_count', '3', false), " +
  "CASE WHEN current_setting('server_version_num')::int >= 140000 THEN set_config('client_connection_check_interval', '1000', false) END";

/** SESSION_SETTINGS_SQL as a person reads it, for dry runs. */
export const SESSION_SETTINGS: readonly SessionSetting[] = [
  {
    sql: 'SET statement_timeout = 0',
    why: "a role's statement_timeout would stop a long step every time; each step is one transaction, rolled back whole if stopped",
  },
  {
    sql: 'SET client_connection_check_interval = 1000',
    why: 'PostgreSQL 14+: if this process is killed, the server aborts its statement within a second and frees the run lock',
  },
  {
    sql: 'SET tcp_keepalives_idle = 30, tcp_keepalives_interval = 10, tcp_keepalives_count = 3',
    why: 'a client host that vanished is noticed',
  },
];

function sessionSettings(client: PostgresClient): void {
  client.query(SESSION_SETTINGS_SQL).catch(() => {
    // a server that refuses one of them still migrates; the settings only make a killed run end sooner
  });
}

/** A client the caller owns: tagged with our application_name for the run, and handed back as found. */
async function borrow(client: PostgresClient, giveBack: (broken: Error | null) => void): Promise<Connection> {
  const onError = () => {};
  client.on?.('error', onError);
  try {
    await client.query('SELECT set_config($1, $2, false)', ['application_name', APPLICATION_NAME]);
  } catch (error) {
    client.removeListener?.('error', onError);
    giveBack(error instanceof Error ? error : new Error(String(error)));
    throw error;
  }
  let closed = false;
  return wrap(client, async () => {
    if (closed) return;
    closed = true;
    let broken: Error | null = null;
    try {
      await client.query('RESET application_name');
    } catch (error) {
      // A pooled connection in an unknown state must not go back to the pool.
      broken = error instanceof Error ? error : new Error(String(error));
    }
    client.removeListener?.('error', onError);
    giveBack(broken);
  });
}

function wrap(client: PostgresClient, close: () => Promise<void>): Connection {
  let running = 0;
  // Registered while open, so an interrupted command can cancel the statement in flight.
  const untrack = trackCancellable({ cancel: () => (running > 0 ? cancelRequest(client as object) : Promise.resolve()) });
  return {
    async query(text, params) {
      checkNotStopped();
      running++;
      try {
        const result = await client.query(text, params.map(toPgValue));
        return { rows: result.rows, affectedRows: result.rowCount ?? 0 };
      } finally {
        running--;
      }
    },
    async close() {
      untrack();
      await close();
    },
  };
}

function withTimeout<T>(work: Promise<T>, ms: number, discardLate: (value: T) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let expired = false;
    const timer = setTimeout(() => {
      expired = true;
      reject(Object.assign(new Error(`timeout expired after ${ms} ms waiting for a connection from the pool`), { code: 'ETIMEDOUT' }));
    }, ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        if (expired) discardLate(value);
        else resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** One pinned connection per run, from a URL (with the session settings) or the caller's pool or client. */
export class PostgresConnector extends BaseConnector {
  constructor(
    private readonly source: PostgresSource,
    private readonly timeoutMs: number,
    /** Only sessions the connector opens from a URL: a caller's pool or client keeps its own settings. */
    override readonly sessionSettings: readonly SessionSetting[],
  ) {
    super();
  }

  connect(): Promise<Connection> {
    return openPostgres(this.source, this.timeoutMs);
  }

  /** The bind message counts parameters in an Int16. */
  async writeLimits(): Promise<WriteLimits> {
    return { maxParams: 65_535, batchBytes: BATCH_BYTES, maxRowBytes: HUGE_ROW_BYTES };
  }
}
