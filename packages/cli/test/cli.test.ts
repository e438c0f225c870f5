import { createAgno22Database, sqliteTarget, reachedVersion } from '@agno-migrate/test-infra';
import { sqliteDialect } from '@agno-migrate/dialect-sqlite';
import type { TestDatabase } from '@agno-migrate/test-infra';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

let db: TestDatabase;
beforeEach(async () => {
  db = await sqliteTarget((path) => sqliteDialect({ path })).create();
});
afterEach(() => db.close());

const NAMES = { memories: 'mem', sessions: 'sess', metrics: 'met', evals: 'ev', knowledge: 'kn', culture: 'cu' };
const renames = Object.entries(NAMES).flatMap(([type, name]) => ['--table', `${type}=${name}`]);

describe('agno-migrate on SQLite', () => {
  it('upgrades a 2.2 database with renamed tables and a renamed versions table, then reports it up to date', async () => {
    await createAgno22Database(db, NAMES);
    const up = runCli(['up', ...db.cliArgs(), ...renames, '--versions-table', 'vers', '--json']);
    expect(up.stderr).toBe('');
    expect(up.code).toBe(0);
    const result = JSON.parse(up.stdout);
    expect(result.status).toBe('ok');
    expect(result.tables.map((t: { tableName: string; to: string }) => `${t.tableName}@${t.to}`)).toContain(
      `mem@${reachedVersion('memories')}`,
    );
    const rows = await db.rows('SELECT table_name, version FROM vers ORDER BY table_name');
    const types: Record<string, string> = {
      cu: 'culture',
      ev: 'evals',
      kn: 'knowledge',
      mem: 'memories',
      met: 'metrics',
      sess: 'sessions',
    };
    // sessions' 3.0.0 step creates and stamps the runs table beside it (`<sessions>_runs`, as Agno names it).
    const stampedRows = [
      ...Object.entries(types).map(([t, type]) => ({ table_name: t, version: reachedVersion(type) })),
      { table_name: 'sess_runs', version: '3.0.0' },
    ];
    expect(rows).toEqual(stampedRows.sort((a, b) => a.table_name.localeCompare(b.table_name)));

    const status = runCli(['status', ...db.cliArgs(), ...renames, '--versions-table', 'vers', '--json']);
    expect(status.code).toBe(0);
    const tables = JSON.parse(status.stdout).tables.filter((t: { exists: boolean }) => t.exists);
    expect(tables.every((t: { pending: string[] }) => t.pending.length === 0)).toBe(true);
  });

  it('a table a newer Agno stamped: status says so, up and down leave it and exit 0, an unknown --target is exit 2', async () => {
    await createAgno22Database(db, NAMES);
    expect(runCli(['up', ...db.cliArgs(), ...renames]).code).toBe(0);
    await db.exec("UPDATE agno_schema_versions SET version = '3.1.0' WHERE table_name = 'mem'");
    const status = runCli(['status', ...db.cliArgs(), ...renames]);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/mem\s+memories\s+yes\s+3\.1\.0\s+newer than this tool/);
    const up = runCli(['up', ...db.cliArgs(), ...renames]);
    expect(up.code).toBe(0);
    expect(up.stdout).toMatch(/mem\s+memories\s+3\.1\.0\s+3\.1\.0\s+(\S+ ms\s+)?newer/);
    expect(up.stdout).toContain('mem is stamped 3.1.0, newer than this tool knows');
    expect(runCli(['down', '--target', '2.0.0', '--table-type', 'memories', ...db.cliArgs(), ...renames]).code).toBe(0);
    const unknown = runCli(['up', '--target', '3.1.0', ...db.cliArgs(), ...renames]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('outside the known range');
    const [row] = await db.rows("SELECT version FROM agno_schema_versions WHERE table_name = 'mem'");
    expect(row?.['version']).toBe('3.1.0');
  });

  it('prints the SQL of a dry run and changes nothing', async () => {
    await createAgno22Database(db, NAMES);
    const dry = runCli(['up', '--dry-run', ...db.cliArgs(), ...renames]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('ALTER TABLE "mem" ADD COLUMN "created_at" BIGINT');
    expect(dry.stdout).toContain('would be migrated');
    const columns = await db.rows("SELECT name FROM pragma_table_info('mem')");
    expect(columns.map((c) => c['name'])).not.toContain('created_at');
  });

  it('down to a target, then up again', async () => {
    await createAgno22Database(db, NAMES);
    expect(runCli(['up', ...db.cliArgs(), ...renames]).code).toBe(0);
    const down = runCli(['down', '--target', '2.0.0', '--table-type', 'memory', ...db.cliArgs(), ...renames, '--json']);
    expect(down.code).toBe(0);
    expect(JSON.parse(down.stdout).tables[0]).toMatchObject({
      tableName: 'mem',
      from: reachedVersion('memories'),
      to: '2.0.0',
      outcome: 'migrated',
    });
    expect(runCli(['up', ...db.cliArgs(), ...renames]).code).toBe(0);
  });

  it('a failed statement: exit 1, how far the run got, one line on stderr, one JSON document', async () => {
    await createAgno22Database(db, NAMES);
    expect(runCli(['up', ...db.cliArgs(), ...renames]).code).toBe(0);
    await db.exec('CREATE VIEW mem_times AS SELECT created_at FROM mem');
    const human = runCli(['down', '--target', '2.0.0', '--table-type', 'memories', ...db.cliArgs(), ...renames]);
    expect(human.code).toBe(1);
    expect(human.stdout).toContain(`down · sqlite:${db.cliArgs()[1]!.slice('sqlite:'.length)}`);
    expect(human.stdout).toMatch(
      new RegExp(`mem\\s+memories\\s+${reachedVersion('memories').replaceAll('.', '\\.')}\\s+2\\.3\\.0\\s+\\d+ ms\\s+failed`),
    );
    expect(human.stderr.trim().split('\n')).toHaveLength(1);
    const json = runCli(['down', '--target', '2.0.0', '--table-type', 'memories', '--json', ...db.cliArgs(), ...renames]);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ status: 'failed', tables: [{ tableName: 'mem', outcome: 'failed', to: '2.3.0' }] });
  });

  it('creates missing tables with init and stamps them', () => {
    const init = runCli(['init', ...db.cliArgs(), '--json']);
    expect(init.code).toBe(0);
    expect(JSON.parse(init.stdout).tables.every((t: { outcome: string }) => t.outcome === 'created')).toBe(true);
  });

  it('defaults to sqlite:./agno.db in the working directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'agno-cli-'));
    try {
      const up = runCli(['up', '--create-missing'], {}, dir);
      expect(up.code).toBe(0);
      expect(up.stdout).toContain('sqlite:./agno.db');
      expect(existsSync(join(dir, 'agno.db'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// Table types, versions, `down` without a target and unopenable files are in reliability/, on every dialect.
describe('bad input: one line on stderr, exit 2, no stack trace, database unchanged', () => {
  it.each([
    ['unknown option', ['up', '--bogus'], /unknown option '--bogus'/],
    ['bad --table', ['up', '--table', 'memories'], /--table takes <type>=<name>/],
    ['unknown URL scheme', ['status', '--db', 'oracle://x/y'], /unsupported database URL scheme oracle/],
    ['unrecognisable --db', ['status', '--db', 'whatever'], /cannot tell which database/],
    ['negative lock timeout', ['up', '--lock-timeout', '-1'], /--lock-timeout takes a number of seconds/],
  ])('%s', async (_name, args, message) => {
    const withDb = args.includes('--db') ? args : [...args, ...db.cliArgs()];
    const run = runCli(withDb);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stdout).toBe('');
    const tables = await db.rows("SELECT name FROM sqlite_master WHERE type = 'table'");
    expect(tables).toEqual([]);
  });

  it('under --json the error is the one document on stdout', () => {
    const run = runCli(['up', '--target', 'abc', '--json', ...db.cliArgs()]);
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toEqual({
      format: 1,
      database: db.cliArgs()[1],
      schema: null,
      error: { code: 'version', message: 'invalid version "abc": expected X.Y.Z, for example 2.5.6', exitCode: 2 },
    });
  });

  // A dialect package that is not installed: test/reliability/bad-input-connections.test.ts, on a real install without it.
});
