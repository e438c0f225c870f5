import { postgresDialect } from '@agno-migrate/dialect-postgres';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createV1Fixture, gate, insertV1RowsBulk, postgresTarget, V1_NAMES, v1AgentSession, v1TableSql } from '@agno-migrate/test-infra';
import type { TestDatabase } from '@agno-migrate/test-infra';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const BIN = fileURLToPath(new URL('../bin/agno-migrate.js', import.meta.url));
const ROWS = 3000;

async function seedMany(db: TestDatabase, namespace: string): Promise<void> {
  for (const statement of v1TableSql('postgres', namespace, { agentSessions: 'many_sessions' })) await db.exec(statement);
  const rows = Array.from({ length: ROWS }, (_, i) => v1AgentSession(`s-${String(i).padStart(5, '0')}`, { user_id: `user-${i % 7}` }));
  await insertV1RowsBulk(db, 'many_sessions', rows, namespace);
}

async function sessions(db: TestDatabase): Promise<Record<string, unknown>[]> {
  return db.rows(`SELECT * FROM ${db.qualify('agno_sessions')} ORDER BY session_id`);
}

const target = postgresTarget((options) => postgresDialect(options));
const { skip } = await gate(target);

describe.skipIf(skip)('agno-migrate v1-to-v2 on PostgreSQL', { timeout: 60_000 }, () => {
  let db: TestDatabase;
  let v1: string;
  beforeEach(async () => {
    db = await target.create();
    v1 = `${db.namespace}_v1`;
    await db.exec(`CREATE SCHEMA ${db.quoteIdent(v1)}`);
    await createV1Fixture(db, V1_NAMES, v1);
  });
  afterEach(async () => {
    await db.exec(`DROP SCHEMA ${db.quoteIdent(v1)} CASCADE`);
    await db.close();
  });

  it('reads a v1 schema into renamed v2 tables of another schema', async () => {
    const args = [
      'v1-to-v2',
      ...db.cliArgs(),
      '--v1-schema',
      v1,
      '--workflow-sessions',
      V1_NAMES.workflowV2Sessions,
      '--table',
      'sessions=v2_sessions',
      '--batch-size',
      '1',
      '--json',
    ];
    const run = runCli(args);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.tables[0]).toMatchObject({
      source: `${v1}.workflow_v2_sessions`,
      target: 'v2_sessions',
      read: 2,
      inserted: 2,
      runsDropped: 1,
    });
    const rows = await db.rows(`SELECT session_id, workflow_data FROM ${db.qualify('v2_sessions')} ORDER BY session_id`);
    expect(rows).toEqual([
      { session_id: 'wv-1', workflow_data: { workflow_id: 'wf-2', name: 'Pipeline' } },
      { session_id: 'wv-named', workflow_data: { name: 'Pipeline' } },
    ]);
    expect(runCli(['v1-to-v2', ...db.cliArgs(), '--v1-schema', v1, '--agent-sessions', 'missing_table']).code).toBe(2);
  });

  it('a run killed mid-way (SIGKILL) continues on the next run and ends exactly as a clean run does', async () => {
    await seedMany(db, v1);
    const args = ['v1-to-v2', ...db.cliArgs(), '--v1-schema', v1, '--agent-sessions', 'many_sessions', '--batch-size', '25'];
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, NO_COLOR: '1', AGNO_DB_URL: '' }, stdio: 'ignore' });
    let finished = false;
    const exited = new Promise((resolve) =>
      child.on('exit', (code) => {
        finished = true;
        resolve(code);
      }),
    );
    const progressRead = async () => {
      const rows = await db.rows(`SELECT rows_read AS n FROM ${db.qualify('agno_v1_to_v2_progress')}`).catch(() => []);
      return Number(rows[0]?.['n'] ?? 0);
    };
    // Kill once a few batches are committed; the run must still be going (it is slowed by small batches).
    while (!finished && (await progressRead()) < 500) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(finished).toBe(false);
    child.kill('SIGKILL');
    await exited;
    const [saved] = await db.rows(`SELECT status, rows_read FROM ${db.qualify('agno_v1_to_v2_progress')}`);
    expect(saved!['status']).toBe('running');
    expect(Number(saved!['rows_read'])).toBeLessThan(ROWS);

    const again = runCli([...args, '--json']);
    expect(again.code).toBe(0);
    const table = JSON.parse(again.stdout).tables[0];
    expect(table.resumed.rowsBefore).toBeGreaterThanOrEqual(500);
    expect(table).toMatchObject({ read: ROWS, written: ROWS, skipped: 0, status: 'done' });
    const afterKill = await sessions(db);

    const clean = await target.create();
    try {
      await clean.exec(`CREATE SCHEMA ${clean.quoteIdent(`${clean.namespace}_v1`)}`);
      await seedMany(clean, `${clean.namespace}_v1`);
      expect(
        runCli(['v1-to-v2', ...clean.cliArgs(), '--v1-schema', `${clean.namespace}_v1`, '--agent-sessions', 'many_sessions']).code,
      ).toBe(0);
      expect(afterKill).toHaveLength(ROWS);
      expect(afterKill).toEqual(await sessions(clean));
    } finally {
      await clean.exec(`DROP SCHEMA ${clean.quoteIdent(`${clean.namespace}_v1`)} CASCADE`);
      await clean.close();
    }
  }, 120_000);

  it('Ctrl-C mid-way says how to resume, exits 130, and the same command resumes', async () => {
    await seedMany(db, v1);
    const args = ['v1-to-v2', ...db.cliArgs(), '--v1-schema', v1, '--agent-sessions', 'many_sessions', '--batch-size', '25'];
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, NO_COLOR: '1', AGNO_DB_URL: '' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    let finished = false;
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => {
        finished = true;
        resolve(code);
      }),
    );
    const progressRead = async () => {
      const rows = await db.rows(`SELECT rows_read AS n FROM ${db.qualify('agno_v1_to_v2_progress')}`).catch(() => []);
      return Number(rows[0]?.['n'] ?? 0);
    };
    while (!finished && (await progressRead()) < 300) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(finished).toBe(false);
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toContain(
      'interrupted: the rows copied so far are kept; run the same command to resume from the last saved batch (--restart starts over)',
    );
    const again = JSON.parse(runCli([...args, '--json']).stdout).tables[0];
    expect(again.resumed.rowsBefore).toBeGreaterThanOrEqual(300);
    expect(again).toMatchObject({ read: ROWS, written: ROWS, status: 'done' });
  }, 120_000);
});
