import { createAgno22Database, DEFAULT_NAMES, reachedVersion } from '@agno-migrate/test-infra';
import type { TestDatabase } from '@agno-migrate/test-infra';
import { expect } from 'vitest';
import { runCli } from './run-cli.js';

/**
 * What a user does on a server database: `up` an Agno 2.2 database from the CLI (every table
 * reaches its latest version, `check` looks at one thing the database itself reports), then
 * `down` to 2.0.0 and `up` again.
 */
export async function expectCliRoundTrip(db: TestDatabase, check: (db: TestDatabase) => Promise<void>): Promise<void> {
  await createAgno22Database(db, DEFAULT_NAMES);
  const up = runCli(['up', ...db.cliArgs(), '--json']);
  expect(up.stderr).toBe('');
  expect(up.code).toBe(0);
  const reached = JSON.parse(up.stdout).tables.filter((t: { outcome: string }) => t.outcome === 'migrated');
  expect(reached.map((t: { tableType: string; to: string }) => `${t.tableType}@${t.to}`).sort()).toEqual(
    Object.keys(DEFAULT_NAMES)
      .map((type) => `${type}@${reachedVersion(type)}`)
      .sort(),
  );
  await check(db);
  expect(runCli(['down', '--target', '2.0.0', ...db.cliArgs()]).code).toBe(0);
  expect(runCli(['up', ...db.cliArgs()]).code).toBe(0);
}
