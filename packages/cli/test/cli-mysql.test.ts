import { gate, mysqlTarget } from '@agno-migrate/test-infra';
import type { TestDatabase } from '@agno-migrate/test-infra';
import { mysqlDialect } from '@agno-migrate/dialect-mysql';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectCliRoundTrip } from './round-trip.js';
import { runCli } from './run-cli.js';

const target = mysqlTarget({ dialect: (options) => mysqlDialect(options) });
const { skip } = await gate(target);

describe.skipIf(skip)('agno-migrate on MySQL/MariaDB', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await target.create();
  });
  afterEach(() => db.close());

  it('upgrades a 2.2 database with up --db mysql://… --schema, then down and up round-trip', async () => {
    await expectCliRoundTrip(db, async () => {
      const keys = await db.rows(
        'SELECT index_name AS name FROM information_schema.statistics WHERE table_schema = ? AND table_name = ? AND index_name = ?',
        [db.namespace, 'agno_sessions', 'PRIMARY'],
      );
      expect(keys).toHaveLength(1);
    });
  });

  it('exits 4 when another connection holds the migration lock', async () => {
    const name = `agno-migrate:${db.namespace}:agno_schema_versions`;
    const [holder] = await db.rows('SELECT GET_LOCK(?, 0) AS got', [name]);
    expect(Number(holder?.['got'])).toBe(1);
    const run = runCli(['up', ...db.cliArgs(), '--lock-timeout', '1']);
    await db.rows('SELECT RELEASE_ALL_LOCKS() AS n');
    expect(run.code).toBe(4);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('approvals, which Agno never creates on MySQL, read the same in status, up and init', async () => {
    const sentence = 'agno_approvals: Agno does not create approvals tables on MySQL, only on PostgreSQL and SQLite; nothing to migrate';
    const status = runCli(['status', ...db.cliArgs()]);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/agno_approvals\s+approvals\s+no\s+2\.0\.0 \(no row\)\s+-\s+not-on-dialect/);
    expect(status.stdout).toContain(sentence);
    const up = runCli(['up', ...db.cliArgs()]);
    expect(up.code).toBe(0);
    expect(up.stdout).toMatch(/agno_approvals\s+approvals\s+2\.0\.0\s+2\.0\.0\s+\S+ ms\s+not-on-dialect/);
    expect(up.stdout).toContain(sentence);
    expect(up.stdout).not.toContain('table agno_approvals does not exist');
    const init = runCli(['init', ...db.cliArgs()]);
    expect(init.code).toBe(0);
    expect(init.stdout).toMatch(/agno_approvals\s+approvals\s+2\.0\.0\s+2\.0\.0\s+\S+ ms\s+not-on-dialect/);
    expect(init.stdout).toContain(sentence);
  });
});
