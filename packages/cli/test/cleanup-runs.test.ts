import { createAgno22Database, DEFAULT_NAMES, sqliteTarget } from '@agno-migrate/test-infra';
import type { TestDatabase } from '@agno-migrate/test-infra';
import { sqliteDialect } from '@agno-migrate/dialect-sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

let db: TestDatabase;
beforeEach(async () => {
  db = await sqliteTarget((path) => sqliteDialect({ path })).create();
  await createAgno22Database(db, DEFAULT_NAMES);
});
afterEach(() => db.close());

const columns = async () => (await db.rows('PRAGMA table_info("agno_sessions")')).map((r) => String(r['name']));

describe('agno-migrate up and cleanup-runs', { timeout: 60_000 }, () => {
  it('up reports the runs copied and skipped; a dry run of up says so and writes nothing', async () => {
    const dry = runCli(['up', '--dry-run', '--json', ...db.cliArgs()]);
    expect(dry.code, dry.stderr).toBe(0);
    const planned = JSON.parse(dry.stdout).tables.find((t: { tableType: string }) => t.tableType === 'sessions');
    const report = planned.steps
      .flatMap((s: { operations: { report?: unknown }[] }) => s.operations)
      .find((o: { report?: unknown }) => o.report).report;
    expect(report).toMatchObject({ sessions: 1, runs: 1, wouldCopy: 1, skipped: { total: 0 } });
    expect(await db.rows(`SELECT name FROM sqlite_master WHERE name = 'agno_runs'`)).toEqual([]);

    const up = runCli(['up', '--json', ...db.cliArgs()]);
    expect(up.code, up.stderr).toBe(0);
    expect(await db.rows('SELECT run_id, session_id, user_id, run_index FROM agno_runs')).toEqual([
      { run_id: 'r1', session_id: 's1', user_id: 'u1', run_index: 0 },
    ]);
  });

  it('cleanup-runs exits 3 naming the sessions whose runs are not copied, then drops the column once they are', async () => {
    const early = runCli(['cleanup-runs', ...db.cliArgs()]);
    expect(early.code).toBe(3);
    expect(early.stdout).toContain('refused');
    expect(await columns()).toContain('runs');

    expect(runCli(['up', ...db.cliArgs()]).code).toBe(0);
    await db.exec('DELETE FROM agno_runs');
    const missing = runCli(['cleanup-runs', '--json', ...db.cliArgs()]);
    expect(missing.code).toBe(3);
    expect(JSON.parse(missing.stdout)).toMatchObject({ status: 'blocked', unmigrated: { runs: 1, sessions: 1, examples: ['s1'] } });

    expect(runCli(['up', '--force', ...db.cliArgs()]).code).toBe(0);
    const dry = runCli(['cleanup-runs', '--dry-run', ...db.cliArgs()]);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('would drop the column');
    expect(await columns()).toContain('runs');
    const done = runCli(['cleanup-runs', ...db.cliArgs()]);
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toMatch(/dropped the column, freeing about \d+ B: every run is in agno_runs/);
    expect(await columns()).not.toContain('runs');
  });

  it('cleanup-runs --force drops the column as Agno does, whatever is missing', async () => {
    const forced = runCli(['cleanup-runs', '--force', ...db.cliArgs()]);
    expect(forced.code, forced.stderr).toBe(0);
    expect(await columns()).not.toContain('runs');
  });
});
