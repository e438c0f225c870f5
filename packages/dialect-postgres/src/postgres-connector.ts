import type { Connection } from '@agno-migrate/core';
import { DatabaseError } from '@agno-migrate/core';
import type { PostgresClient, PostgresOwnedClient, PostgresPool } from './postgres-config.js';
import { APPLICATION_NAME } from './postgres-config.js';
import type { PostgresSettings } from './postgres-url.js';

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
      const client = await withTimeout(source.pool.connect(), timeoutMs, (late) => late.release());
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
  });
  const onError = () => {};
  // Without a listener, a server-side disconnect between queries would crash the process.
  client.on?.('error', onError);
  await client.connect();
  let closed = false;
  return wrap(client, async () => {
    if (closed) return;
    closed = true;
    await client.end().catch(() => {});
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
  return {
    async query(text, params) {
      const result = await client.query(text, params.map(toPgValue));
      return { rows: result.rows, affectedRows: result.rowCount ?? 0 };
    },
    close,
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
