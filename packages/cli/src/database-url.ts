import { ConfigurationError } from '@agno-migrate/core';

export type DialectKind = 'sqlite' | 'postgres' | 'mysql' | 'singlestore';

export interface DatabaseTarget {
  readonly kind: DialectKind;
  /** For SQLite: the file path or `:memory:`. For servers: the URL as given. */
  readonly location: string;
  /** What may be shown to people: the URL without its password. */
  readonly display: string;
}

const SERVER_SCHEMES: Record<string, DialectKind> = {
  'postgres:': 'postgres',
  'postgresql:': 'postgres',
  'mysql:': 'mysql',
  'mariadb:': 'mysql',
  'singlestore:': 'singlestore',
};

const SQLITE_FILE = /\.(db|sqlite|sqlite3)$/i;

/** Parses `--db`: a server URL, `sqlite:<path>`, or a path ending in .db/.sqlite/.sqlite3. */
export function parseDatabaseUrl(input: string): DatabaseTarget {
  const value = input.trim();
  if (value === '')
    throw new ConfigurationError(
      '--db is empty: give a database URL such as sqlite:./agno.db, or leave --db out to use AGNO_DB_URL, else DATABASE_URL, else ./agno.db',
    );
  if (value === ':memory:') return { kind: 'sqlite', location: ':memory:', display: 'sqlite::memory:' };
  if (/^sqlite:/i.test(value)) {
    const path = value.replace(/^sqlite:(\/\/)?/i, '');
    if (path === '') throw new ConfigurationError(`--db ${value} names no file: use sqlite:./agno.db`);
    return { kind: 'sqlite', location: path, display: `sqlite:${path}` };
  }
  const scheme = /^([a-z][a-z0-9+.-]*:)\/\//i.exec(value)?.[1]?.toLowerCase();
  if (scheme) {
    const kind = SERVER_SCHEMES[scheme];
    if (!kind) {
      throw new ConfigurationError(
        `unsupported database URL scheme ${scheme.slice(0, -1)}: use postgres://, postgresql://, mysql://, mariadb://, singlestore:// or sqlite:<path>`,
      );
    }
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new ConfigurationError(`malformed database URL: ${redactUrl(value)}`);
    }
    if (!url.hostname) throw new ConfigurationError(`database URL has no host: ${redactUrl(value)}`);
    return { kind, location: value, display: displayUrl(url) };
  }
  if (SQLITE_FILE.test(value)) return { kind: 'sqlite', location: value, display: `sqlite:${value}` };
  throw new ConfigurationError(
    `cannot tell which database ${JSON.stringify(redactUrl(value))} is: use a URL such as postgres://user@host/db or sqlite:./agno.db`,
  );
}

const SECRET_PARAM = /pass|secret|token|key/i;

/**
 * A parsed URL as it may be shown: the password (and any query parameter that carries one, such as
 * `?password=` or `?sslpassword=`) replaced by ***, through the WHATWG URL class rather than by pattern.
 */
export function displayUrl(url: URL): string {
  const shown = new URL(url.href);
  if (shown.password) shown.password = '***';
  const secretKeys = [...shown.searchParams.keys()].filter((key) => SECRET_PARAM.test(key));
  for (const key of secretKeys) shown.searchParams.set(key, '***');
  // Only a URL that had something to hide is re-serialised: the rest read exactly as given.
  return shown.password || secretKeys.length > 0 ? shown.href.replace(/%2A%2A%2A/g, '***') : url.href;
}

/** Removes the password from anything that looks like a URL with credentials, in free text (error messages). */
export function redactUrl(text: string): string {
  return text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^:/@\s]*):[^@\s]*@/gi, '$1:***@');
}
