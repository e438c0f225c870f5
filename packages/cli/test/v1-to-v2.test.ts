import { sqliteDialect } from '@agno-migrate/dialect-sqlite';
import { createV1Fixture, sqliteTarget, V1_NAMES, AGNO_GRAPH } from '@agno-migrate/test-infra';
import type { TestDatabase } from '@agno-migrate/test-infra';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

let db: TestDatabase;
beforeEach(async () => {
  db = await sqliteTarget((path) => sqliteDialect({ path })).create();
  await createV1Fixture(db, V1_NAMES);
});
afterEach(() => db.close());

const SOURCES = ['--agent-sessions', V1_NAMES.agentSessions, '--team-sessions', V1_NAMES.teamSessions, '--memories', V1_NAMES.memories];

describe('agno-migrate v1-to-v2 on SQLite', { timeout: 60_000 }, () => {
  it('moves the named tables, prints one JSON report, and a second run duplicates nothing', async () => {
    const first = runCli(['v1-to-v2', ...db.cliArgs(), ...SOURCES, '--json']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const report = JSON.parse(first.stdout);
    expect(report).toMatchObject({
      command: 'v1-to-v2',
      dryRun: false,
      status: 'ok',
      totals: { read: 11, written: 10, skipped: 1, kept: 0 },
    });
    expect(report.tables.map((t: { source: string; inserted: number }) => `${t.source}:${t.inserted}`)).toEqual([
      'agent_sessions:5',
      'team_sessions:2',
      'agent_memories:3',
    ]);

    const second = JSON.parse(runCli(['v1-to-v2', ...db.cliArgs(), ...SOURCES, '--json']).stdout);
    // The second run finds every v2 row as new as its v1 row: it keeps them all and writes nothing.
    expect(second.totals).toEqual({ read: 11, written: 0, skipped: 1, kept: 10 });
    expect(second.tables.map((t: { inserted: number; updated: number; kept: number }) => [t.inserted, t.updated, t.kept])).toEqual([
      [0, 0, 5],
      [0, 0, 2],
      [0, 0, 3],
    ]);
    const sessions = await db.rows('SELECT COUNT(*) AS n FROM agno_sessions');
    expect(sessions[0]!['n']).toBe(7);
  });

  it('prints a readable table with what was skipped and why; renamed tables and versions table are honoured', async () => {
    const run = runCli(['v1-to-v2', ...db.cliArgs(), ...SOURCES, '--table', 'memories=my_memories', '--versions-table', 'my_versions']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/SOURCE\s+TARGET\s+READ\s+WRITTEN/);
    expect(run.stdout).toMatch(/agent_memories\s+my_memories\s+4\s+3/);
    expect(run.stdout).toContain('agent_memories: 1 skipped, memory is empty (v2 requires it) (e.g. "m3")');
    expect(run.stdout).toContain(`created my_memories at version ${AGNO_GRAPH.latest}`);
    expect(await db.rows('SELECT table_name, version FROM my_versions ORDER BY table_name')).toEqual([
      { table_name: 'agno_sessions', version: '2.5.6' },
      { table_name: 'my_memories', version: AGNO_GRAPH.latest },
    ]);
  });

  it('--dry-run reports what it would write and writes nothing', async () => {
    const run = runCli(['v1-to-v2', ...db.cliArgs(), ...SOURCES, '--dry-run']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('dry run: nothing written');
    expect(run.stdout).toMatch(/WOULD WRITE/);
    const tables = await db.rows("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'agno%'");
    expect(tables).toEqual([]);
  });

  it('a write error: exit 1, the report on stdout, one line on stderr naming the table and row', async () => {
    // v1-to-v2 writes Agno 2.x sessions, whose runs live in the session row.
    expect(runCli(['init', '--target', '2.5.6', ...db.cliArgs(), '--table-type', 'sessions']).code).toBe(0);
    await db.exec(
      "CREATE TRIGGER refuse BEFORE INSERT ON agno_sessions WHEN NEW.session_id = 't-empty' BEGIN SELECT RAISE(ABORT, 'not this one'); END",
    );
    const run = runCli(['v1-to-v2', ...db.cliArgs(), ...SOURCES, '--json']);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.status).toBe('failed');
    expect(report.error).toMatchObject({ table: 'team_sessions', key: 't-empty' });
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('team_sessions failed at v1 row session_id="t-empty"');
    expect(lines[0]).toContain('not this one');
  });

  it.each([
    ['no v1 table named', [], /name at least one v1 table/],
    ['an unknown v1 table', ['--agent-sessions', 'nope'], /v1 agent sessions table nope does not exist/],
    ['a v1 schema on SQLite', ['--v1-schema', 'ai', '--agent-sessions', V1_NAMES.agentSessions], /sqlite has no schemas/],
    ['a bad batch size', ['--agent-sessions', V1_NAMES.agentSessions, '--batch-size', 'lots'], /--batch-size takes a whole number/],
  ])('%s: exit 2 with one clear line', (_case, args, message) => {
    const run = runCli(['v1-to-v2', ...db.cliArgs(), ...args]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
  });

  it('--json on bad input prints one error document', () => {
    const run = runCli(['v1-to-v2', ...db.cliArgs(), '--json']);
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toMatchObject({ error: { exitCode: 2 } });
  });
});
