import { spawnSync } from 'node:child_process';
import { availableOn, TABLE_TYPES } from '@agno-migrate/core';
import { sqliteTarget, AGNO_GRAPH } from '@agno-migrate/test-infra';
import type { TestDatabase } from '@agno-migrate/test-infra';
import { sqliteDialect } from '@agno-migrate/dialect-sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

let db: TestDatabase;
beforeEach(async () => {
  db = await sqliteTarget((path) => sqliteDialect({ path })).create();
});
afterEach(() => db.close());

const oneLine = (stderr: string) => {
  expect(stderr.trim().split('\n')).toHaveLength(1);
  expect(stderr).not.toMatch(/^\s+at /m);
};

// Each test runs several CLI processes one after another.
describe('agno-migrate verify', { timeout: 60_000 }, () => {
  it('init then verify: exit 0, every table of the full catalog clean, human and JSON', async () => {
    expect(runCli(['init', ...db.cliArgs()]).code).toBe(0);
    const human = runCli(['verify', ...db.cliArgs()]);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('every table matches the shape Agno expects');
    expect(human.stdout).toMatch(
      new RegExp(`agno_mcp_oauth_keys\\s+mcp_oauth_keys\\s+${AGNO_GRAPH.latest.replaceAll('.', '\\.')}\\s+ok\\s+0`),
    );
    const json = runCli(['verify', ...db.cliArgs(), '--json']);
    expect(json.code).toBe(0);
    const result = JSON.parse(json.stdout);
    expect(result.status).toBe('ok');
    expect(result.tables).toHaveLength(TABLE_TYPES.filter((t) => availableOn(t, 'sqlite') && t.retired === undefined).length);
    expect(result.tables.every((t: { health: string; findings: unknown[] }) => t.health === 'ok' && t.findings.length === 0)).toBe(true);
  });

  it('drift: exit 1, one line per difference saying what to do; JSON carries the same findings', async () => {
    expect(runCli(['init', ...db.cliArgs()]).code).toBe(0);
    await db.exec('DROP INDEX "idx_agno_traces_status"');
    await db.exec('ALTER TABLE "agno_sessions" ADD COLUMN "note" VARCHAR');
    const human = runCli(['verify', ...db.cliArgs()]);
    expect(human.code).toBe(1);
    expect(human.stderr).toBe('');
    const lines = human.stdout.split('\n').filter((l) => l.startsWith('✗'));
    expect(lines).toEqual([
      "✗ agno_sessions: column note is not in Agno's schema: Agno ignores it, so drop it only if nothing else uses it",
      '✗ agno_traces: the index idx_agno_traces_status on (status) is missing: run this: CREATE INDEX "idx_agno_traces_status" ON "agno_traces" ("status")',
    ]);
    expect(human.stdout).toContain('2 differences found');
    const json = runCli(['verify', ...db.cliArgs(), '--json', '--table-type', 'traces']);
    expect(json.code).toBe(1);
    const result = JSON.parse(json.stdout);
    expect(result.status).toBe('drift');
    expect(result.tables.map((t: { tableType: string }) => t.tableType)).toEqual(['traces']);
    expect(result.tables[0].findings).toEqual([
      expect.objectContaining({
        kind: 'missing-index',
        columns: ['status'],
        name: 'idx_agno_traces_status',
        fix: { kind: 'sql', statements: ['CREATE INDEX "idx_agno_traces_status" ON "agno_traces" ("status")'] },
      }),
    ]);
    const status = JSON.parse(runCli(['status', ...db.cliArgs(), '--json']).stdout);
    expect(status.tables.find((t: { tableType: string }) => t.tableType === 'traces').health).toBe('drift');
    expect(status.tables.find((t: { tableType: string }) => t.tableType === 'memories').health).toBe('ok');
    expect(runCli(['status', ...db.cliArgs()]).stdout).toContain('run agno-migrate verify');
  });

  it('a lying versions row names up --force with the same connection options; pasted, it repairs the table', async () => {
    // Renamed tables and a renamed versions table: a hint without the user's options would run elsewhere.
    const options = [...db.cliArgs(), '--table', 'memories=agent memories', '--versions-table', 'my_versions'];
    expect(runCli(['init', ...options]).code).toBe(0);
    await db.exec('ALTER TABLE "agent memories" DROP COLUMN "feedback"');
    const before = runCli(['verify', ...options]);
    expect(before.code).toBe(1);
    const hint = /step 2\.3\.0 is not applied here; run `agno-migrate (up --force --table-type memories .*)`$/m.exec(before.stdout);
    expect(before.stdout).toContain(
      `✗ agent memories: column feedback (VARCHAR) is missing, though the versions row says ${AGNO_GRAPH.latest}`,
    );
    expect(hint?.[1]).toBe(
      `up --force --table-type memories ${db.cliArgs().join(' ')} --table 'memories=agent memories' --versions-table my_versions`,
    );
    const json = JSON.parse(runCli(['verify', ...options, '--json']).stdout);
    expect(json.tables.find((t: { tableType: string }) => t.tableType === 'memories').missingSteps).toEqual(['2.3.0']);
    // The hint as a shell would read it.
    const pasted = spawnSync('sh', ['-c', `printf '%s\\n' ${hint?.[1]}`], { encoding: 'utf8' })
      .stdout.trim()
      .split('\n');
    expect(runCli(pasted).code).toBe(0);
    expect(runCli(['verify', ...options]).code).toBe(0);
  });

  it('bad input: unknown table type, up on a table type with no migrations, init of a type the dialect lacks', () => {
    const unknown = runCli(['verify', ...db.cliArgs(), '--table-type', 'nope']);
    expect(unknown.code).toBe(2);
    oneLine(unknown.stderr);
    expect(unknown.stderr).toContain('unknown table type "nope"');
    const up = runCli(['up', ...db.cliArgs(), '--table-type', 'traces']);
    expect(up.code).toBe(2);
    oneLine(up.stderr);
    expect(up.stderr).toContain('traces tables have no migrations');
    // Refused before connecting: no server needs to answer on this port.
    const mysql = runCli(['init', '--db', 'mysql://root@127.0.0.1:1/test', '--table-type', 'components']);
    expect(mysql.code).toBe(2);
    oneLine(mysql.stderr);
    expect(mysql.stderr).toContain('Agno does not create components tables on mysql, only on PostgreSQL and SQLite');
  });

  it('init --table-type schedule_runs creates schedules first; other tables stay absent and unlisted', async () => {
    const init = JSON.parse(runCli(['init', ...db.cliArgs(), '--table-type', 'schedule_runs', '--json']).stdout);
    expect(init.tables.map((t: { tableType: string; outcome: string }) => `${t.tableType}:${t.outcome}`)).toEqual([
      'schedules:created',
      'schedule_runs:created',
    ]);
    const verify = JSON.parse(runCli(['verify', ...db.cliArgs(), '--json']).stdout);
    expect(verify.tables.map((t: { tableType: string; health: string }) => `${t.tableType}:${t.health}`)).toEqual([
      'memories:absent',
      'sessions:absent',
      'metrics:absent',
      'evals:absent',
      'knowledge:absent',
      'approvals:absent',
      'components:absent',
      'schedules:ok',
      'schedule_runs:ok',
      'learnings:absent',
    ]);
    expect(verify.status).toBe('ok');
  });
});
