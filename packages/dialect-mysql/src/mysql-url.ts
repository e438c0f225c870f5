import { ConfigurationError } from '@agno-migrate/core/dialect';

/** Where to connect, parsed from `mysql://user:password@host:port/database`. */
export interface MysqlUrl {
  /** `singlestore` when a variant (the SingleStore dialect) parsed it: shown in messages only. */
  readonly scheme: 'mysql' | 'mariadb' | 'singlestore';
  readonly host: string;
  readonly port: number;
  readonly user: string | undefined;
  readonly password: string | undefined;
  /** The database named in the URL's path, if any: the connection's default database. */
  readonly database: string | undefined;
}

const SCHEMES = new Set(['mysql:', 'mariadb:']);

export function parseMysqlUrl(url: string): MysqlUrl {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // The URL itself may hold a password, so it is never repeated back.
    throw new ConfigurationError('the MySQL URL is malformed: expected mysql://user:password@host:port/database');
  }
  if (!SCHEMES.has(parsed.protocol)) {
    throw new ConfigurationError(`the MySQL URL must start with mysql:// or mariadb://, not ${parsed.protocol}//`, {
      scheme: parsed.protocol,
    });
  }
  const port = parsed.port === '' ? 3306 : Number(parsed.port);
  const path = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (path.includes('/')) throw new ConfigurationError(`the MySQL URL's path must be one database name, not ${JSON.stringify(path)}`);
  return {
    scheme: parsed.protocol === 'mariadb:' ? 'mariadb' : 'mysql',
    host: parsed.hostname.replace(/^\[(.*)\]$/, '$1') || 'localhost',
    port,
    user: parsed.username === '' ? undefined : decodeURIComponent(parsed.username),
    password: parsed.password === '' ? undefined : decodeURIComponent(parsed.password),
    database: path === '' ? undefined : path,
  };
}

/** For people: the server and database, never the password. */
export function describeMysqlTarget(url: MysqlUrl, database: string): string {
  const user = url.user === undefined ? '' : `${encodeURIComponent(url.user)}@`;
  const host = url.host.includes(':') ? `[${url.host}]` : url.host;
  return `${url.scheme}://${user}${host}:${url.port}/${database}`;
}
