import { createAgno22Database, DEFAULT_NAMES } from '@agno-migrate/test-infra';
import { sqliteDialect } from '@agno-migrate/dialect-sqlite';
import { chmodSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, runNode } from './support/cli-process.js';
import type { ProcessRun } from './support/cli-process.js';
import { openSubject, SECRET, skipKind } from './support/databases.js';
import type { Kind, Subject } from './support/databases.js';
import { installWithoutDialects } from './support/install-without-dialects.js';
import type { BareInstall } from './support/install-without-dialects.js';
import { expectNoSecret, expectOneErrorLine } from './support/output-checks.js';
import { epochNow, snapshot } from '@agno-migrate/test-infra';
import type { Snapshot } from '@agno-migrate/test-infra';

const TIMEOUT_MS = 60_000;
/** An address nothing answers on: the CLI must give up by itself (its connect timeout is 10 s). */
const BLACKHOLE = '10.255.255.1';
const DIALECT_PACKAGE: Record<Kind, string> = {
  sqlite: '@agno-migrate/dialect-sqlite',
  postgres: '@agno-migrate/dialect-postgres',
  mysql: '@agno-migrate/dialect-mysql',
};

/** A case's arguments are built from the test's database, which exists only once beforeAll has run. */
type Case = readonly [name: string, args: (subject: Subject) => readonly string[], exitCode: number, message: RegExp];

/** The subject's URL with another user, password, host, port or database. */
function variant(subject: Subject, change: (url: URL) => void): string {
  const url = new URL(subject.url);
  change(url);
  return url.toString();
}

function connectionCases(kind: Kind): Case[] {
  if (kind === 'sqlite') {
    return [
      ['sqlite: with no file', () => ['status', '--db', 'sqlite:'], 2, /names no file/],
      [
        'a SQLite file in a directory that does not exist',
        () => ['status', '--db', 'sqlite:/nonexistent/dir/agno.db'],
        2,
        /no such database file \/nonexistent\/dir\/agno\.db/,
      ],
      [
        'a SQLite path that is a directory',
        (s) => ['up', '--db', `sqlite:${dirname(s.childLocation())}`],
        2,
        /cannot open SQLite database/,
      ],
    ];
  }
  const product = kind === 'postgres' ? 'PostgreSQL' : 'MySQL';
  const port = kind === 'postgres' ? 5432 : 3306;
  const scheme = kind === 'postgres' ? 'postgres' : 'mysql';
  const up = (s: Subject, change: (url: URL) => void) => ['up', '--db', variant(s, change), '--schema', s.schema!];
  const status = (s: Subject, url: string) => ['status', '--db', url, '--schema', s.schema!];
  const common: Case[] = [
    ['a malformed URL', (s) => status(s, `${scheme}://user:${SECRET}@[::1/db`), 2, /malformed/],
    ['a port out of range', (s) => status(s, `${scheme}://user:${SECRET}@127.0.0.1:99999/db`), 2, /malformed|port/],
    [
      'an unknown database',
      (s) => up(s, (u) => (u.pathname = '/no_such_database_here')),
      1,
      /database "no_such_database_here" does not exist|Unknown database 'no_such_database_here'/,
    ],
    ['a closed port', (s) => up(s, (u) => (u.port = '1')), 1, new RegExp(`cannot reach ${product} at 127\\.0\\.0\\.1:1`)],
    [
      'an unreachable host',
      (s) => up(s, (u) => (u.hostname = BLACKHOLE)),
      1,
      new RegExp(`cannot reach ${product} at ${BLACKHOLE.replaceAll('.', '\\.')}:${port}`),
    ],
  ];
  if (kind === 'postgres') {
    return [
      ...common,
      ['a role that does not exist', (s) => up(s, (u) => (u.username = 'no_such_role_here')), 1, /no_such_role_here/],
      ['an unsupported URL parameter', (s) => status(s, `${s.url}?sslmod=require`), 2, /unsupported PostgreSQL URL parameter "sslmod"/],
      ['an invalid sslmode', (s) => status(s, `${s.url}?sslmode=sometimes`), 2, /invalid sslmode "sometimes"/],
    ];
  }
  return [
    ...common,
    ['a wrong password', (s) => up(s, (u) => (u.password = `${SECRET}-wrong`)), 1, /refused the login.*check the user name and password/],
    [
      'root with a password it does not have',
      (s) =>
        up(s, (u) => {
          u.username = 'root';
          u.password = SECRET;
        }),
      1,
      /refused the login/,
    ],
    ['a path with two database names', (s) => status(s, `${s.url}/extra`), 2, /one database name/],
  ];
}

for (const kind of ['sqlite', 'postgres', 'mysql'] as const) {
  const skip = await skipKind(kind);

  describe.skipIf(skip)(`${kind}: bad connections — one line on stderr, exit code, no password, database unchanged`, () => {
    const since = epochNow();
    let subject: Subject;
    let before: Snapshot;
    let bare: BareInstall;
    beforeAll(async () => {
      subject = await openSubject(kind);
      await createAgno22Database(subject.db, DEFAULT_NAMES);
      before = await snapshot(subject.db, since);
      bare = installWithoutDialects();
    }, TIMEOUT_MS);
    afterAll(async () => {
      bare?.remove();
      await subject?.close();
    });

    const check = async (run: ProcessRun, exitCode: number, message: RegExp) => {
      expectOneErrorLine(run, exitCode, message);
      expect(run.signal, 'the CLI gave up by itself').toBeNull();
      expectNoSecret(run, SECRET);
      if (subject.secret) expectNoSecret(run, subject.secret);
      expect(await snapshot(subject.db, since)).toEqual(before);
    };

    it.each(connectionCases(kind))(
      '%s',
      async (_name, args, exitCode, message) => {
        await check(await runCli(args(subject), { killAfterMs: 45_000 }), exitCode, message);
      },
      TIMEOUT_MS,
    );

    it(
      'its dialect package is not installed: names the package to install',
      async () => {
        const run = await runNode(bare.bin, ['up', ...subject.args()]);
        await check(run, 2, new RegExp(`run \`npm install ${DIALECT_PACKAGE[kind]}\``));
      },
      TIMEOUT_MS,
    );
  });
}

describe('SQLite files the CLI cannot write', () => {
  const since = epochNow();
  let subject: Subject;
  beforeAll(async () => {
    subject = await openSubject('sqlite');
    await createAgno22Database(subject.db, DEFAULT_NAMES);
  }, TIMEOUT_MS);
  afterAll(async () => {
    await subject?.close();
  });

  it(
    'a read-only file: exit 1 saying so, nothing changed',
    async () => {
      const before = await snapshot(subject.db, since);
      const file = subject.childLocation();
      chmodSync(file, 0o444);
      chmodSync(dirname(file), 0o555);
      // Root writes through any file mode: the CLI then runs as an unprivileged user.
      const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
      let run: ProcessRun;
      try {
        run = await runCli(['up', ...subject.args()], asUser);
      } finally {
        chmodSync(dirname(file), 0o700);
        chmodSync(file, 0o644);
      }
      expectOneErrorLine(run, 1, /read-only/);
      expect(await snapshot(subject.db, since)).toEqual(before);
    },
    TIMEOUT_MS,
  );

  it(
    'a file another process holds an exclusive lock on: status exits 4 saying so',
    async () => {
      const before = await snapshot(subject.db, since);
      const other = sqliteDialect({ path: subject.childLocation() }).connector.connectSync();
      other.querySync!('BEGIN EXCLUSIVE', []);
      let run: ProcessRun;
      try {
        run = await runCli(['status', ...subject.args()]);
      } finally {
        other.querySync!('ROLLBACK', []);
        other.closeSync!();
      }
      expectOneErrorLine(run, 4, /another process holds a lock on the SQLite database file/);
      expect(await snapshot(subject.db, since)).toEqual(before);
    },
    TIMEOUT_MS,
  );

  it(
    'a file another process holds an exclusive lock on: up with a short --lock-timeout exits 4',
    async () => {
      const before = await snapshot(subject.db, since);
      const other = sqliteDialect({ path: subject.childLocation() }).connector.connectSync();
      other.querySync!('BEGIN EXCLUSIVE', []);
      let run: ProcessRun;
      try {
        run = await runCli(['up', '--lock-timeout', '1', ...subject.args()]);
      } finally {
        other.querySync!('ROLLBACK', []);
        other.closeSync!();
      }
      expectOneErrorLine(run, 4, /another process (holds a lock on|is writing to) the SQLite database/);
      expect(await snapshot(subject.db, since)).toEqual(before);
    },
    TIMEOUT_MS,
  );
});
