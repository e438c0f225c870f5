import { randomBytes } from 'node:crypto';
import { mysqlDialect } from '@agno-migrate/dialect-mysql';
import { postgresDialect } from '@agno-migrate/dialect-postgres';
import { sqliteDialect } from '@agno-migrate/dialect-sqlite';
import { gate, mysqlTarget, postgresTarget, sqliteTarget } from '@agno-migrate/test-infra';
import mysql from 'mysql2/promise';
import { afterAll } from 'vitest';
import type { TestDatabase, TestTarget } from '@agno-migrate/test-infra';

export type Kind = 'sqlite' | 'postgres' | 'mysql';
export const KINDS: readonly Kind[] = ['sqlite', 'postgres', 'mysql'];

/** The password every server URL of these suites carries, so every output can be searched for it. */
export const SECRET = `S3cret-${randomBytes(8).toString('hex')}`;

const TARGETS: Record<Kind, TestTarget> = {
  sqlite: sqliteTarget((path) => sqliteDialect({ path })),
  postgres: postgresTarget((options) => postgresDialect(options)),
  mysql: mysqlTarget({ dialect: (options) => mysqlDialect(options) }),
};

const gates = new Map<Kind, Promise<{ skip: boolean }>>();

/** Whether a dialect's suite must be skipped here (never when AGNO_TEST_REQUIRE names it). */
export async function skipKind(kind: Kind): Promise<boolean> {
  let pending = gates.get(kind);
  if (!pending) {
    pending = gate(TARGETS[kind]);
    gates.set(kind, pending);
  }
  return (await pending).skip;
}

/** One isolated test database, reached by the CLI through a URL that holds a password. */
export interface Subject {
  readonly kind: Kind;
  readonly db: TestDatabase;
  /** What `--db` gets: a server URL with a password, or `sqlite:<path>`. */
  readonly url: string;
  /** The password in `url`; undefined for SQLite. */
  readonly secret: string | undefined;
  /** `--schema`, for the servers. */
  readonly schema: string | undefined;
  /** `--db … [--schema …]`. */
  args(): string[];
  /** Where the kill script connects: the URL, or the SQLite file's path. */
  childLocation(): string;
  close(): Promise<void>;
}

export async function openSubject(kind: Kind): Promise<Subject> {
  const db = await TARGETS[kind].create();
  const [, given, , schema] = db.cliArgs();
  const location = given!;
  let url = location;
  let secret: string | undefined;
  if (kind === 'postgres') ({ url, secret } = withPassword(location));
  if (kind === 'mysql') ({ url, secret } = await mysqlUserWithPassword(location));
  return {
    kind,
    db,
    url,
    secret,
    schema,
    args: () => ['--db', url, ...(schema === undefined ? [] : ['--schema', schema])],
    childLocation: () => (kind === 'sqlite' ? url.replace(/^sqlite:/, '') : url),
    close: () => db.close(),
  };
}

/**
 * PostgreSQL's local test server trusts every connection, so any password is accepted: the URL
 * gets SECRET unless it already carries a real one (which then is the secret to look for).
 */
function withPassword(location: string): { url: string; secret: string } {
  const url = new URL(location);
  if (url.password) return { url: location, secret: decodeURIComponent(url.password) };
  url.password = SECRET;
  return { url: url.toString(), secret: SECRET };
}

/**
 * MariaDB checks passwords: one user per test file with SECRET, made on first use through a
 * connection of its own and dropped when the file's tests are done.
 */
let mysqlUser: Promise<{ name: string; drop(): Promise<void> }> | undefined;

afterAll(async () => {
  const user = await mysqlUser;
  mysqlUser = undefined;
  await user?.drop();
});

function createMysqlUser(adminUrl: URL) {
  mysqlUser ??= (async () => {
    const admin = await mysql.createConnection({
      host: adminUrl.hostname,
      port: Number(adminUrl.port || 3306),
      user: decodeURIComponent(adminUrl.username) || 'root',
    });
    const name = `agno_rel_${randomBytes(4).toString('hex')}`;
    const hosts = ['%', 'localhost', '127.0.0.1'];
    for (const host of hosts) {
      await admin.query('CREATE USER ?@? IDENTIFIED BY ?', [name, host, SECRET]);
      // ALL on *.* includes PROCESS, so a lock timeout can name the holding connection's user and host.
      await admin.query('GRANT ALL PRIVILEGES ON *.* TO ?@?', [name, host]);
    }
    return {
      name,
      async drop() {
        try {
          for (const host of hosts) await admin.query('DROP USER IF EXISTS ?@?', [name, host]);
        } finally {
          await admin.end();
        }
      },
    };
  })();
  return mysqlUser;
}

async function mysqlUserWithPassword(location: string): Promise<{ url: string; secret: string }> {
  const url = new URL(location);
  if (url.password) return { url: location, secret: decodeURIComponent(url.password) };
  const user = await createMysqlUser(url);
  url.username = user.name;
  url.password = SECRET;
  return { url: url.toString(), secret: SECRET };
}
