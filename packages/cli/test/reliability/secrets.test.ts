import { createAgno22Database, DEFAULT_NAMES, reachedVersion } from '@agno-migrate/test-infra';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/cli-process.js';
import type { ProcessRun } from './support/cli-process.js';
import { openSubject, SECRET, skipKind } from './support/databases.js';
import type { Subject } from './support/databases.js';
import { expectNoSecret, expectOneErrorLine, parseJsonDocument } from './support/output-checks.js';

const TIMEOUT_MS = 60_000;

/** Normal commands, in an order that takes the database through a whole upgrade and back. */
const COMMANDS: readonly (readonly string[])[] = [
  ['status'],
  ['status', '--json'],
  ['up', '--dry-run'],
  ['up', '--dry-run', '--json'],
  ['up', '--target', '2.3.0'],
  ['up', '--json'],
  ['verify'],
  ['verify', '--json'],
  ['down', '--target', '2.3.0', '--json'],
  ['up'],
  ['init', '--json'],
  ['status'],
];

for (const kind of ['postgres', 'mysql'] as const) {
  const skip = await skipKind(kind);

  describe.skipIf(skip)(`${kind}: a password in the URL or the environment appears in no output`, () => {
    let subject: Subject;
    beforeAll(async () => {
      subject = await openSubject(kind);
      await createAgno22Database(subject.db, DEFAULT_NAMES);
    }, TIMEOUT_MS);
    afterAll(async () => {
      await subject?.close();
    });

    const ways = {
      '--db': (args: readonly string[]) => runCli([...args, ...subject.args()]),
      $AGNO_DB_URL: (args: readonly string[]) => runCli([...args, '--schema', subject.schema!], { env: { AGNO_DB_URL: subject.url } }),
    };

    for (const [way, run] of Object.entries(ways)) {
      it(
        `every command, given the URL by ${way}: exit 0, output without the password`,
        async () => {
          expect(subject.secret).toBeTruthy();
          for (const args of COMMANDS) {
            const result: ProcessRun = await run(args);
            expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0);
            expectNoSecret(result, subject.secret!);
            if (args.includes('--json')) parseJsonDocument(result);
          }
          // The run went through: the URL reached the database, so the password was really used.
          const [row] = await subject.db.rows(`SELECT version FROM ${subject.db.qualify('agno_schema_versions')} WHERE table_name = ?`, [
            'agno_memories',
          ]);
          expect(row?.['version']).toBe(reachedVersion('memories'));
        },
        TIMEOUT_MS,
      );

      const changed = (change: (url: URL) => void) => () => {
        const url = new URL(subject.url);
        change(url);
        return url.toString();
      };
      it.each([
        ['an unknown database', changed((u) => (u.pathname = '/no_such_database_here')), 1],
        ['a closed port', changed((u) => (u.port = '1')), 1],
        ['a host that does not resolve', changed((u) => (u.hostname = 'no-such-host.invalid')), 1],
        ['a malformed URL', () => subject.url.replace('@', '@['), 2],
      ] as const)(
        `%s, given by ${way}: one line, no password`,
        async (_name, url, exitCode) => {
          const result =
            way === '--db'
              ? await runCli(['status', '--json', '--db', url(), '--schema', subject.schema!])
              : await runCli(['status', '--json', '--schema', subject.schema!], { env: { AGNO_DB_URL: url() } });
          expectOneErrorLine(result, exitCode);
          expectNoSecret(result, subject.secret!);
          expect(parseJsonDocument(result).error.exitCode).toBe(exitCode);
        },
        TIMEOUT_MS,
      );
    }

    it.runIf(kind === 'mysql')(
      'a wrong password, given by $AGNO_DB_URL: neither password is shown',
      async () => {
        const url = new URL(subject.url);
        url.password = `${SECRET}-wrong`;
        const result = await runCli(['up', '--json', '--schema', subject.schema!], { env: { AGNO_DB_URL: url.toString() } });
        expectOneErrorLine(result, 1, /refused the login/);
        expectNoSecret(result, SECRET);
      },
      TIMEOUT_MS,
    );

    it.runIf(kind === 'postgres')(
      'a password that needs %-encoding: neither its raw nor its encoded form is shown',
      async () => {
        const password = `p@ss:w/rd%${SECRET}`;
        const url = new URL(subject.url);
        url.password = encodeURIComponent(password);
        for (const args of [
          ['status', '--json'],
          ['up', '--dry-run'],
          ['status', '--lock-timeout', 'x'],
        ]) {
          const result = await runCli([...args, '--db', url.toString(), '--schema', subject.schema!]);
          expectNoSecret(result, password);
          expectNoSecret(result, url.password);
        }
      },
      TIMEOUT_MS,
    );
  });
}
