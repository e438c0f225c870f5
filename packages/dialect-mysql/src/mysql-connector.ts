import type { Connection, QueryResult, Row } from '@agno-migrate/core';
import { DatabaseError } from '@agno-migrate/core';
import type { MysqlClient, MysqlDriverModule, MysqlPool, MysqlQueryable } from './mysql-driver-types.js';
import { interpolate } from './mysql-format.js';
import type { MysqlUrl } from './mysql-url.js';

export type MysqlSource = { readonly url: MysqlUrl } | { readonly client: MysqlClient };

/** One pinned connection for the whole run, so GET_LOCK and the migration share a session. */
export async function openMysql(source: MysqlSource, connectTimeoutMs: number): Promise<Connection> {
  if ('url' in source) return connectUrl(source.url, connectTimeoutMs);
  const client = source.client;
  if (isPool(client)) {
    const pinned = await withTimeout(client.getConnection(), connectTimeoutMs, (late) => late.release());
    return wrap(pinned, async () => pinned.release());
  }
  // A connection the caller passed in stays theirs to close.
  return wrap(client, async () => {});
}

async function connectUrl(url: MysqlUrl, connectTimeoutMs: number): Promise<Connection> {
  const driver = await loadDriver();
  const connection = await driver.createConnection({
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
  });
  // Without a listener, a server-side disconnect between queries would crash the process; the next
  // query reports it instead.
  (connection as { on?: (event: string, listener: () => void) => unknown }).on?.('error', () => {});
  return wrap(connection, () => connection.end());
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

function wrap(client: MysqlQueryable, close: () => Promise<void>): Connection {
  let closed = false;
  return {
    async query(sql: string, params: readonly unknown[]): Promise<QueryResult> {
      const [result] = await client.query(interpolate(sql, params, (v) => client.escape(v)));
      if (Array.isArray(result)) return { rows: result as Row[], affectedRows: 0 };
      return { rows: [], affectedRows: Number((result as { affectedRows?: unknown } | undefined)?.affectedRows ?? 0) };
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
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
