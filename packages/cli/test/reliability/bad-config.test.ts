import { createAgno22Database, DEFAULT_NAMES } from '@agno-migrate/test-infra';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/cli-process.js';
import { KINDS, openSubject, SECRET, skipKind } from './support/databases.js';
import type { Subject } from './support/databases.js';
import { expectNoSecret, expectOneErrorLine } from './support/output-checks.js';
import { epochNow, snapshot } from '@agno-migrate/test-infra';
import type { Snapshot } from '@agno-migrate/test-infra';

const TIMEOUT_MS = 60_000;

type Entry = Record<string, unknown>;
/** A config file's text, built around the subject's own database entry (URL with its password). */
type Case = readonly [name: string, file: (entry: Entry) => string, message: RegExp];

const json = (value: unknown) => JSON.stringify(value, null, 2);

const CASES: Case[] = [
  ['a file that is not JSON', (entry) => `{"databases": {"main": ${json(entry)}`, /is not valid JSON: .* at line \d+, column \d+/],
  ['an unknown top-level field', (entry) => json({ databses: { main: entry } }), /databses is not a known field/],
  ['no databases', () => json({ databases: {} }), /databases must name at least one database/],
  [
    'an unknown field next to a URL with a password',
    (entry) => json({ databases: { main: { ...entry, shema: 'x' } } }),
    /databases\.main\.shema is not a known field/,
  ],
  ['a URL that is not a string', () => json({ databases: { main: { url: 5432 } } }), /databases\.main\.url must be a string/],
  [
    'a URL of an unknown scheme holding a password',
    () => json({ databases: { main: { url: `oracle://scott:${SECRET}@127.0.0.1/orcl` } } }),
    /unsupported database URL scheme oracle/,
  ],
  [
    'a rename of an unknown table type',
    (entry) => json({ databases: { main: { ...entry, tables: { nope: 'x' } } } }),
    /databases\.main\.tables\.nope: unknown table type "nope"/,
  ],
  [
    'a table name that is not a string',
    (entry) => json({ databases: { main: { ...entry, tables: { memories: 7 } } } }),
    /databases\.main\.tables\.memories must be a string/,
  ],
  ['two databases and no --db-id', (entry) => json({ databases: { a: entry, b: entry } }), /names 2 databases: choose one with --db-id/],
];

for (const kind of KINDS) {
  const skip = await skipKind(kind);

  describe
    .skipIf(skip)
    .concurrent(`${kind}: a config file with bad fields — one line on stderr, exit 2, no password, database unchanged`, () => {
      const since = epochNow();
      let subject: Subject;
      let before: Snapshot;
      let dir: string;
      beforeAll(async () => {
        subject = await openSubject(kind);
        await createAgno22Database(subject.db, DEFAULT_NAMES);
        before = await snapshot(subject.db, since);
        dir = mkdtempSync(join(tmpdir(), 'agno-config-'));
      }, TIMEOUT_MS);
      afterAll(async () => {
        rmSync(dir, { recursive: true, force: true });
        await subject?.close();
      });

      it.each(CASES)(
        '%s',
        async (name, file, message) => {
          const entry: Entry = { url: subject.url, ...(subject.schema === undefined ? {} : { schema: subject.schema }) };
          const path = join(dir, `${name.replace(/\W+/g, '-')}.json`);
          writeFileSync(path, file(entry));
          const run = await runCli(['up', '--config', path]);
          expectOneErrorLine(run, 2, message);
          expect(run.stdout).toBe('');
          expectNoSecret(run, SECRET);
          if (subject.secret) expectNoSecret(run, subject.secret);
          expect(await snapshot(subject.db, since)).toEqual(before);
        },
        TIMEOUT_MS,
      );
    });
}
