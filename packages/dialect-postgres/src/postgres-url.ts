import { ConfigurationError } from '@agno-migrate/core/dialect';
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';

export type SslSetting = false | { rejectUnauthorized: boolean; ca?: string; checkServerIdentity?: () => undefined };

/** Where to connect, parsed from a URL the way libpq reads it (with its environment fallbacks). */
export interface PostgresSettings {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string | undefined;
  readonly database: string;
  readonly sslmode: string;
  readonly ssl: SslSetting;
  readonly channelBinding: boolean;
}

type Env = Readonly<Record<string, string | undefined>>;

const SSL_MODES = ['disable', 'allow', 'prefer', 'require', 'no-verify', 'verify-ca', 'verify-full'];
const KNOWN_PARAMS = new Set(['sslmode', 'sslrootcert', 'host', 'port', 'channel_binding', 'application_name']);

/** For messages about a URL that could not be parsed: its password must still not show. */
export function redactUrl(text: string): string {
  return text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^:/@\s]*):[^@\s]*@/gi, '$1:***@');
}

export function parsePostgresUrl(input: string, env: Env = process.env): PostgresSettings {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new ConfigurationError(`malformed PostgreSQL URL ${redactUrl(input)}: use postgres://user:password@host:5432/database`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigurationError(`not a PostgreSQL URL (${url.protocol}//…): use postgres:// or postgresql://`);
  }
  const params = url.searchParams;
  for (const key of params.keys()) {
    if (!KNOWN_PARAMS.has(key)) {
      throw new ConfigurationError(`unsupported PostgreSQL URL parameter ${JSON.stringify(key)}: use ${[...KNOWN_PARAMS].join(', ')}`, {
        parameter: key,
      });
    }
  }
  const user = decode(url.username) || env['PGUSER'] || userInfo().username;
  // An empty password in the URL (`user:@host`) means none was given, as in libpq.
  const password = decode(url.password) || env['PGPASSWORD'] || undefined;
  const sslmode = params.get('sslmode') ?? env['PGSSLMODE'] ?? 'prefer';
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1') || params.get('host') || env['PGHOST'] || 'localhost',
    port: parsePort(url.port || params.get('port') || env['PGPORT'] || '5432'),
    user,
    password,
    database: decode(url.pathname.replace(/^\//, '')) || env['PGDATABASE'] || user,
    sslmode,
    ssl: sslSetting(sslmode, params.get('sslrootcert') ?? env['PGSSLROOTCERT']),
    channelBinding: params.get('channel_binding') === 'require',
  };
}

/** The URL without its password: safe for logs, errors and `displayTarget`. */
export function displayUrl(s: PostgresSettings): string {
  const host = s.host.includes(':') ? `[${s.host}]` : s.host;
  return `postgres://${encodeURIComponent(s.user)}@${host}:${s.port}/${encodeURIComponent(s.database)}`;
}

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new ConfigurationError('the PostgreSQL URL has a malformed %-escape in its user, password or database');
  }
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new ConfigurationError(`invalid PostgreSQL port ${JSON.stringify(text)}: use a number from 1 to 65535`);
  }
  return port;
}

/**
 * libpq's sslmode, as far as node-postgres can follow it: it cannot fall back from TLS to plain,
 * so `allow` and `prefer` (libpq's default) connect without TLS; `require` encrypts without
 * verifying, as libpq does when no root certificate is given.
 */
function sslSetting(mode: string, rootCert: string | undefined): SslSetting {
  if (!SSL_MODES.includes(mode)) {
    throw new ConfigurationError(`invalid sslmode ${JSON.stringify(mode)}: use ${SSL_MODES.join(', ')}`);
  }
  if (mode === 'disable' || mode === 'allow' || mode === 'prefer') return false;
  const ca = rootCert ? readCa(rootCert) : undefined;
  const withCa = ca === undefined ? {} : { ca };
  if (mode === 'require' || mode === 'no-verify') return { rejectUnauthorized: false, ...withCa };
  if (mode === 'verify-ca') return { rejectUnauthorized: true, checkServerIdentity: () => undefined, ...withCa };
  return { rejectUnauthorized: true, ...withCa };
}

function readCa(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigurationError(`cannot read sslrootcert ${path}: ${(error as Error).message}`, { path }, { cause: error });
  }
}
