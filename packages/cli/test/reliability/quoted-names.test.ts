import { randomBytes } from 'node:crypto';
import { createAgno22Database, reachedVersion } from '@agno-migrate/test-infra';
import type { Agno22Names } from '@agno-migrate/test-infra';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/cli-process.js';
import { KINDS, openSubject, skipKind } from './support/databases.js';
import type { Subject } from './support/databases.js';
import { expectNoSecret, parseJsonDocument } from './support/output-checks.js';

const TIMEOUT_MS = 60_000;

/** Quotes, semicolons, spaces and non-ASCII letters: each must reach the database exactly, quoted. */
const NAMES: Agno22Names = {
  memories: 'Mém "o" ries',
  sessions: 'sess;ions x',
  metrics: 'métriques ☃',
  evals: "e'vals 2",
  knowledge: 'kn"ow; le dge',
  culture: 'cul`ture é',
};
const VERSIONS = 'my "versions"; v é';
const SCHEMA = `rel "sch"; é x ${randomBytes(3).toString('hex')}`;

const renames = (names: Agno22Names) => Object.entries(names).flatMap(([type, name]) => ['--table', `${type}=${name}`]);

for (const kind of KINDS) {
  const skip = await skipKind(kind);

  describe.skipIf(skip)(`${kind}: table and schema names that need quoting work`, () => {
    let subject: Subject;
    beforeAll(async () => {
      subject = await openSubject(kind);
    }, TIMEOUT_MS);
    afterAll(async () => {
      await subject?.close();
    });

    it(
      'up and status with renamed tables and versions table: the tables keep their exact names and are migrated',
      async () => {
        await createAgno22Database(subject.db, NAMES);
        const up = await runCli(['up', '--json', ...renames(NAMES), '--versions-table', VERSIONS, ...subject.args()]);
        expect(up.code, up.stderr).toBe(0);
        if (subject.secret) expectNoSecret(up, subject.secret);
        expect(parseJsonDocument(up).status).toBe('ok');

        const status = await runCli(['status', '--json', ...renames(NAMES), '--versions-table', VERSIONS, ...subject.args()]);
        expect(status.code, status.stderr).toBe(0);
        const shown = parseJsonDocument(status).tables.filter((t: { exists: boolean }) => t.exists);
        // sessions' 3.0.0 step creates the runs table beside it, named as Agno names it: `<sessions>_runs`.
        const runs = `${NAMES.sessions}_runs`;
        expect(shown.map((t: { tableName: string }) => t.tableName).sort()).toEqual([...Object.values(NAMES), runs].sort());

        expect(await subject.db.tableNames()).toEqual([...Object.values(NAMES), runs, VERSIONS].sort());
        const stamped = await subject.db.rows(`SELECT table_name, version FROM ${subject.db.qualify(VERSIONS)}`);
        expect(Object.fromEntries(stamped.map((r) => [r['table_name'], r['version']]))).toEqual({
          ...Object.fromEntries(Object.entries(NAMES).map(([type, n]) => [n, reachedVersion(type)])),
          [runs]: '3.0.0',
        });
        const memories = await subject.db.rows(
          `SELECT ${subject.db.quoteIdent('created_at')} AS c FROM ${subject.db.qualify(NAMES.memories)}`,
        );
        expect(memories.every((r) => r['c'] !== null)).toBe(true);
      },
      TIMEOUT_MS,
    );

    it.skipIf(kind === 'sqlite')(
      'init and status in a --schema that needs quoting: created there under that exact name',
      async () => {
        const args = [subject.args()[0]!, subject.args()[1]!, '--schema', SCHEMA];
        try {
          const init = await runCli(['init', '--json', '--table-type', 'memories', ...args]);
          expect(init.code, init.stderr).toBe(0);
          if (subject.secret) expectNoSecret(init, subject.secret);
          const status = await runCli(['status', '--json', '--table-type', 'memories', ...args]);
          expect(status.code, status.stderr).toBe(0);
          expect(parseJsonDocument(status).tables[0]).toMatchObject({ tableName: 'agno_memories', exists: true });
          const tables = await subject.db.rows(
            'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = ? ORDER BY table_name',
            [SCHEMA],
          );
          expect(tables.map((r) => r['name'])).toEqual(['agno_memories', 'agno_schema_versions']);
        } finally {
          const drop =
            kind === 'postgres'
              ? `DROP SCHEMA IF EXISTS ${subject.db.quoteIdent(SCHEMA)} CASCADE`
              : `DROP DATABASE IF EXISTS ${subject.db.quoteIdent(SCHEMA)}`;
          await subject.db.exec(drop);
        }
      },
      TIMEOUT_MS,
    );
  });
}
