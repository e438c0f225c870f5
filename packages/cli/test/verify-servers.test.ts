import {
  createAgno22Database,
  DEFAULT_NAMES,
  gate,
  mysqlTarget,
  postgresTarget,
  reachedVersion,
  AGNO_GRAPH,
} from '@agno-migrate/test-infra';
import type { TestDatabase, TestTarget } from '@agno-migrate/test-infra';
import { mysqlDialect } from '@agno-migrate/dialect-mysql';
import { postgresDialect } from '@agno-migrate/dialect-postgres';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const targets: TestTarget[] = [
  postgresTarget((options) => postgresDialect(options)),
  mysqlTarget({ dialect: (options) => mysqlDialect(options) }),
];

for (const target of targets) {
  const { skip } = await gate(target);
  describe.skipIf(skip)(`agno-migrate verify on ${target.name}`, () => {
    let db: TestDatabase;
    beforeEach(async () => {
      db = await target.create();
    });
    afterEach(() => db.close());

    it('a 2.2 database: clean before and after up; init adds the rest, still clean; a dropped index exits 1', async () => {
      await createAgno22Database(db, DEFAULT_NAMES);
      const before = runCli(['verify', ...db.cliArgs(), '--json']);
      expect(before.code).toBe(0);
      expect(JSON.parse(before.stdout).tables.find((t: { tableType: string }) => t.tableType === 'sessions').pending).toEqual(
        ['2.3.0', '2.5.0', '2.5.6', '3.0.0'].filter((v) => v <= reachedVersion('sessions')),
      );
      expect(runCli(['up', ...db.cliArgs()]).code).toBe(0);
      expect(runCli(['init', ...db.cliArgs()]).code).toBe(0);
      const clean = runCli(['verify', ...db.cliArgs()]);
      expect(clean.stderr).toBe('');
      expect(clean.code).toBe(0);
      expect(clean.stdout).toMatch(new RegExp(`agno_spans\\s+spans\\s+${AGNO_GRAPH.latest.replaceAll('.', '\\.')}\\s+ok`));

      const drop =
        target.name === 'postgres'
          ? `DROP INDEX ${db.quoteIdent(db.namespace!)}.${db.quoteIdent('idx_agno_spans_start_time')}`
          : `DROP INDEX ${db.quoteIdent('idx_agno_spans_start_time')} ON ${db.qualify('agno_spans')}`;
      await db.exec(drop);
      const drift = runCli(['verify', ...db.cliArgs(), '--json']);
      expect(drift.code).toBe(1);
      const spans = JSON.parse(drift.stdout).tables.find((t: { tableType: string }) => t.tableType === 'spans');
      expect(spans.health).toBe('drift');
      expect(spans.findings.map((f: { message: string }) => f.message)).toEqual([
        expect.stringMatching(
          /^the index idx_agno_spans_start_time on \(start_time\) is missing: run this: CREATE INDEX .*idx_agno_spans_start_time/,
        ),
      ]);
    }, 60_000);
  });
}
