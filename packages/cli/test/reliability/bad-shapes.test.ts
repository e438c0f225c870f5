import { createAgno22Database, DEFAULT_NAMES } from '@agno-migrate/test-infra';
import type { TestDatabase } from '@agno-migrate/test-infra';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from './support/cli-process.js';
import { KINDS, openSubject, skipKind } from './support/databases.js';
import type { Subject } from './support/databases.js';
import { expectOneErrorLine } from './support/output-checks.js';
import { epochNow, snapshot, VERSIONS_TABLE } from '@agno-migrate/test-infra';

const TIMEOUT_MS = 60_000;

/** Agno's versions columns, as text columns any dialect takes, without the key. */
function versionsColumns(db: TestDatabase): string {
  const q = (n: string) => db.quoteIdent(n);
  return `${q('table_name')} VARCHAR(255) NOT NULL, ${q('version')} VARCHAR(255) NOT NULL, ${q('created_at')} VARCHAR(255) NOT NULL, ${q('updated_at')} VARCHAR(255)`;
}

type Setup = (db: TestDatabase) => Promise<void>;

/**
 * Each case: how the database is made, the one line every command must print, and for a bad
 * versions table the table its rows are written to (so down has a step to revert).
 */
const CASES: readonly (readonly [name: string, setup: Setup, message: RegExp, versionsRows: string | undefined])[] = [
  [
    'a versions table without its primary key',
    async (db) => {
      await createAgno22Database(db, DEFAULT_NAMES);
      await db.exec(`DROP TABLE IF EXISTS ${db.qualify(VERSIONS_TABLE)}`);
      await db.exec(`CREATE TABLE ${db.qualify(VERSIONS_TABLE)} (${versionsColumns(db)})`);
    },
    /the versions table agno_schema_versions has no primary key on table_name/,
    VERSIONS_TABLE,
  ],
  [
    'a versions table that is a view',
    async (db) => {
      await createAgno22Database(db, DEFAULT_NAMES);
      await db.exec(`DROP TABLE IF EXISTS ${db.qualify(VERSIONS_TABLE)}`);
      await db.exec(`CREATE TABLE ${db.qualify('real_versions')} (${versionsColumns(db)}, PRIMARY KEY (${db.quoteIdent('table_name')}))`);
      await db.exec(`CREATE VIEW ${db.qualify(VERSIONS_TABLE)} AS SELECT * FROM ${db.qualify('real_versions')}`);
    },
    /the versions table agno_schema_versions is a view/,
    'real_versions',
  ],
  [
    'a data table missing a column its steps need',
    async (db) => {
      const q = (n: string) => db.quoteIdent(n);
      await db.exec(
        `CREATE TABLE ${db.qualify('agno_memories')} (${q('memory_id')} VARCHAR(128) NOT NULL PRIMARY KEY, ${q('memory')} TEXT)`,
      );
    },
    /table agno_memories has no column updated_at, which the 2\.3\.0 step needs/,
    undefined,
  ],
];

for (const kind of KINDS) {
  const skip = await skipKind(kind);

  describe.skipIf(skip)(`${kind}: tables not in the shape a run needs — one line, exit 2, nothing created or changed`, () => {
    const open: Subject[] = [];
    afterEach(async () => {
      for (const s of open.splice(0)) await s.close();
    });

    it.each(CASES)(
      '%s',
      async (_name, setup, message) => {
        const since = epochNow();
        const subject = await openSubject(kind);
        open.push(subject);
        await setup(subject.db);
        const before = await snapshot(subject.db, since);
        for (const args of [['up'], ['up', '--dry-run'], ['up', '--create-missing']]) {
          const run = await runCli([...args, ...subject.args()]);
          expectOneErrorLine(run, 2, message);
          expect(await snapshot(subject.db, since)).toEqual(before);
        }
      },
      TIMEOUT_MS,
    );

    it.each(CASES.filter(([, , , versionsRows]) => versionsRows !== undefined))(
      '%s: init and down refuse it too',
      async (_name, setup, message, versionsRows) => {
        const since = epochNow();
        const subject = await openSubject(kind);
        open.push(subject);
        await setup(subject.db);
        const q = (n: string) => subject.db.quoteIdent(n);
        await subject.db.exec(
          `INSERT INTO ${subject.db.qualify(versionsRows!)} (${q('table_name')}, ${q('version')}, ${q('created_at')}) VALUES (?, ?, ?)`,
          ['agno_memories', '2.3.0', '2026-01-01 00:00:00'],
        );
        const before = await snapshot(subject.db, since);
        for (const args of [['init'], ['down', '--target', '2.0.0', '--table-type', 'memories']]) {
          const run = await runCli([...args, ...subject.args()]);
          expectOneErrorLine(run, 2, message);
          expect(await snapshot(subject.db, since)).toEqual(before);
        }
      },
      TIMEOUT_MS,
    );
  });
}
