import { createAgno22Database, DEFAULT_NAMES, reachedVersion } from '@agno-migrate/test-infra';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/cli-process.js';
import { KINDS, openSubject, skipKind } from './support/databases.js';
import type { Kind, Subject } from './support/databases.js';
import { expectNoSecret, expectOneErrorLine } from './support/output-checks.js';
import { epochNow, snapshot, VERSIONS_TABLE } from '@agno-migrate/test-infra';
import type { Snapshot } from '@agno-migrate/test-infra';

/** Longest identifier each database takes, in bytes. */
const IDENTIFIER_LIMIT: Record<Kind, number> = { sqlite: 1024, postgres: 63, mysql: 64 };
const TIMEOUT_MS = 60_000;

type Case = readonly [name: string, args: readonly string[], exitCode: number, message: RegExp];

function optionCases(kind: Kind): Case[] {
  const tooLong = 'm'.repeat(IDENTIFIER_LIMIT[kind] + 1);
  return [
    ['unknown table type', ['up', '--table-type', 'nope'], 2, /unknown table type "nope"/],
    ['invalid version', ['up', '--target', 'abc'], 2, /invalid version "abc"/],
    ['empty version', ['up', '--target', ''], 2, /invalid version ""/],
    ['version above the latest', ['up', '--target', '9.0.0'], 2, /outside the known range/],
    ['down without a target', ['down'], 2, /down needs --target <version>/],
    ['down to a version above the latest', ['down', '--target', '9.1'], 2, /outside the known range/],
    [
      'an over-long table name',
      ['up', '--table', `memories=${tooLong}`],
      2,
      new RegExp(`is ${tooLong.length} bytes; \\w+ allows ${IDENTIFIER_LIMIT[kind]}`),
    ],
    ['an over-long versions table name', ['up', '--versions-table', tooLong], 2, new RegExp(`is ${tooLong.length} bytes`)],
    ['the versions table named like a data table', ['up', '--versions-table', 'agno_memories'], 2, /has the name of a data table/],
    ['two table types given one name', ['up', '--table', 'memories=same', '--table', 'sessions=same'], 2, /both named "same"/],
    ['a rename of an unknown table type', ['up', '--table', 'nope=x'], 2, /unknown table type "nope"/],
    ['a rename of __proto__', ['up', '--table', '__proto__=x'], 2, /unknown table type "__proto__"/],
    ['a rename of constructor', ['up', '--table', 'constructor=x'], 2, /unknown table type "constructor"/],
    ['a rename of prototype', ['status', '--table', 'prototype=x'], 2, /unknown table type "prototype"/],
    ['a version with four parts', ['up', '--target', '2.3.0.0'], 2, /invalid version "2\.3\.0\.0"/],
    ['a version with two v', ['up', '--target', 'vv2.3'], 2, /invalid version "vv2\.3"/],
  ];
}

for (const kind of KINDS) {
  const skip = await skipKind(kind);

  // Every case fails before any work, so they share one database and may run side by side.
  describe.skipIf(skip).concurrent(`${kind}: bad options — one line on stderr, exit code, no stack trace, database unchanged`, () => {
    const since = epochNow();
    let subject: Subject;
    let before: Snapshot;
    beforeAll(async () => {
      subject = await openSubject(kind);
      await createAgno22Database(subject.db, DEFAULT_NAMES);
      before = await snapshot(subject.db, since);
    }, TIMEOUT_MS);
    afterAll(async () => {
      await subject?.close();
    });

    it.each(optionCases(kind))(
      '%s',
      async (_name, args, exitCode, message) => {
        const run = await runCli([...args, ...subject.args()]);
        expectOneErrorLine(run, exitCode, message);
        expect(run.stdout).toBe('');
        if (subject.secret) expectNoSecret(run, subject.secret);
        expect(await snapshot(subject.db, since)).toEqual(before);
      },
      TIMEOUT_MS,
    );

    it.skipIf(kind === 'sqlite').each(optionCases(kind))(
      '%s, the URL given by $AGNO_DB_URL',
      async (_name, args, exitCode, message) => {
        const run = await runCli([...args, '--schema', subject.schema!], { env: { AGNO_DB_URL: subject.url } });
        expectOneErrorLine(run, exitCode, message);
        expect(run.stdout).toBe('');
        expectNoSecret(run, subject.secret!);
        expect(await snapshot(subject.db, since)).toEqual(before);
      },
      TIMEOUT_MS,
    );

    it.skipIf(kind === 'sqlite')(
      'an over-long --schema: refused before any DDL, no schema created',
      async () => {
        const schema = 's'.repeat(IDENTIFIER_LIMIT[kind] + 1);
        const args = subject.args().slice(0, 2);
        const run = await runCli(['up', '--create-missing', ...args, '--schema', schema]);
        expectOneErrorLine(run, 2, /schema .* (is longer than|bytes;)/);
        if (subject.secret) expectNoSecret(run, subject.secret);
        const created = await subject.db.rows('SELECT schema_name AS name FROM information_schema.schemata WHERE schema_name LIKE ?', [
          'sss%',
        ]);
        expect(created).toEqual([]);
        expect(await snapshot(subject.db, since)).toEqual(before);
      },
      TIMEOUT_MS,
    );

    it.runIf(kind === 'sqlite')(
      '--schema on SQLite',
      async () => {
        const run = await runCli(['up', ...subject.args(), '--schema', 'ai']);
        expectOneErrorLine(run, 2, /--schema does not apply to SQLite/);
        expect(await snapshot(subject.db, since)).toEqual(before);
      },
      TIMEOUT_MS,
    );
  });

  describe.skipIf(skip)(`${kind}: a versions table holding garbage rows`, () => {
    const since = epochNow();
    let subject: Subject;
    beforeAll(async () => {
      subject = await openSubject(kind);
      await createAgno22Database(subject.db, DEFAULT_NAMES);
      // A real versions table, as the tool creates it: culture migrated, the rest still at 2.2.
      const run = await runCli(['up', '--table-type', 'culture', ...subject.args()]);
      expect(run.code, run.stderr).toBe(0);
    }, TIMEOUT_MS);
    afterAll(async () => {
      await subject?.close();
    });
    afterEach(async () => {
      await subject.db.exec(`DELETE FROM ${subject.db.qualify(VERSIONS_TABLE)} WHERE ${subject.db.quoteIdent('table_name')} <> ?`, [
        DEFAULT_NAMES.culture,
      ]);
    });
    const insertRow = (table: string, version: string) =>
      subject.db.exec(
        `INSERT INTO ${subject.db.qualify(VERSIONS_TABLE)} (${['table_name', 'version', 'created_at'].map((c) => subject.db.quoteIdent(c)).join(', ')}) VALUES (?, ?, ?)`,
        [table, version, '2025-01-01T00:00:00.000000'],
      );

    // The version column is VARCHAR(10) on MySQL, as Agno made it.
    it.each([
      ['a non-version string', 'garbage!'],
      ['an empty version', ''],
      ['SQL in the version', "2.3';DROP"],
    ])(
      '%s for a known table: exit 2 naming the row, nothing changed',
      async (_name, version) => {
        await insertRow(DEFAULT_NAMES.memories, version);
        const before = await snapshot(subject.db, since);
        const run = await runCli(['up', ...subject.args()]);
        expectOneErrorLine(
          run,
          2,
          new RegExp(
            `${VERSIONS_TABLE} row for ${DEFAULT_NAMES.memories} holds ${JSON.stringify(version).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`,
          ),
        );
        if (subject.secret) expectNoSecret(run, subject.secret);
        expect(await snapshot(subject.db, since)).toEqual(before);
      },
      TIMEOUT_MS,
    );

    it(
      'rows of tables it does not know (another tool’s, garbage versions) are left alone and do not stop the run',
      async () => {
        await insertRow('some_other_tool_table', 'banana');
        await insertRow('agno_unknown_type', '9.9.9');
        const run = await runCli(['up', '--table-type', 'memories', ...subject.args()]);
        expect(run.code, run.stderr).toBe(0);
        const rows = await subject.db.rows(`SELECT table_name, version FROM ${subject.db.qualify(VERSIONS_TABLE)} ORDER BY table_name`);
        expect(rows.map((r) => `${String(r['table_name'])}=${String(r['version'])}`)).toEqual(
          [
            `${DEFAULT_NAMES.culture}=${reachedVersion('culture')}`,
            `${DEFAULT_NAMES.memories}=${reachedVersion('memories')}`,
            'agno_unknown_type=9.9.9',
            'some_other_tool_table=banana',
          ].sort(),
        );
      },
      TIMEOUT_MS,
    );
  });
}
