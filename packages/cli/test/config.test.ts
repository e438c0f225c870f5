import { sqliteDialect } from '@agno-migrate/dialect-sqlite';
import { createAgno22Database, sqliteTarget, reachedVersion } from '@agno-migrate/test-infra';
import type { TestDatabase } from '@agno-migrate/test-infra';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const NAMES = { memories: 'mem', sessions: 'sess', metrics: 'met', evals: 'ev', knowledge: 'kn', culture: 'cu' };

let dir: string;
let db: TestDatabase;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'agno-config-'));
  db = await sqliteTarget((path) => sqliteDialect({ path })).create();
});
afterEach(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

const dbPath = () => db.cliArgs()[1]!;

function configFile(content: unknown, name = 'agno-migrate.json'): string {
  const file = join(dir, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return file;
}

function expectUsageError(run: { code: number; stdout: string; stderr: string }, message: string | RegExp): void {
  expect(run.code, run.stderr).toBe(2);
  const lines = run.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  if (typeof message === 'string') expect(lines[0]).toContain(message);
  else expect(lines[0]).toMatch(message);
}

describe('--config <file> --db-id <id> on the other commands', () => {
  it('up and status take the database, its renamed tables and versions table from the file', async () => {
    await createAgno22Database(db, NAMES);
    const file = configFile({
      databases: {
        main: { url: dbPath(), versionsTable: 'vers', tables: NAMES },
        other: { url: 'sqlite:./elsewhere.db' },
      },
    });
    const up = runCli(['up', '--config', file, '--db-id', 'main', '--json']);
    expect(up.stderr).toBe('');
    expect(up.code).toBe(0);
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
    const status = runCli(['status', '--config', file, '--db-id', 'main', '--json']);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout).versionsTable).toEqual({ name: 'vers', exists: true });
  });

  it('needs no --db-id when the file names one database', async () => {
    await createAgno22Database(db, NAMES);
    const file = configFile({ databases: { only: { url: dbPath(), tables: { memory: 'mem', sessions: 'sess' } } } });
    const status = runCli(['status', '--config', file, '--json']);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout).tables).toContainEqual(expect.objectContaining({ tableName: 'mem', exists: true }));
  });

  it('refuses ambiguous or conflicting choices with exit 2 and one line', () => {
    const file = configFile({ databases: { a: { url: dbPath() }, b: { url: dbPath() } } });
    expectUsageError(runCli(['status', '--config', file]), /names 2 databases: choose one with --db-id \(a, b\)/);
    expectUsageError(runCli(['status', '--config', file, '--db-id', 'c']), 'has no database "c": use one of a, b');
    expectUsageError(runCli(['status', '--config', file, '--db-id', 'a', '--db', dbPath()]), '--db cannot be combined with --config');
    expectUsageError(
      runCli(['status', '--config', file, '--db-id', 'a', '--table', 'memories=x']),
      '--table cannot be combined with --config',
    );
    expectUsageError(runCli(['status', '--db-id', 'a']), '--db-id needs --config');
  });

  it('under --json, a config error is one JSON document on stdout', () => {
    const file = configFile({ databases: { a: { url: 42 } } });
    const run = runCli(['status', '--config', file, '--json']);
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toEqual({
      format: 1,
      database: null,
      schema: null,
      error: { code: 'configuration', exitCode: 2, message: expect.stringContaining('databases.a.url must be a string') },
    });
  });
});

describe('a bad config file: exit 2, one line naming the bad field', () => {
  const cases: [string, unknown, string | RegExp][] = [
    [
      'a table name that is not a string',
      { databases: { pg: { url: 'sqlite:x.db', tables: { memories: 7 } } } },
      'databases.pg.tables.memories must be a string',
    ],
    [
      'an unknown table type',
      { databases: { pg: { url: 'sqlite:x.db', tables: { memorys: 'm' } } } },
      'databases.pg.tables.memorys: unknown table type "memorys"',
    ],
    [
      'an unknown key in a database',
      { databases: { pg: { url: 'sqlite:x.db', scheme: 'ai' } } },
      'databases.pg.scheme is not a known field',
    ],
    ['an unknown key at the top', { databases: { pg: { url: 'sqlite:x.db' } }, securitykey: 'x' }, 'securitykey is not a known field'],
    ['a missing url', { databases: { pg: { schema: 'ai' } } }, 'databases.pg.url is required'],
    ['a url of the wrong type', { databases: { pg: { url: ['x'] } } }, 'databases.pg.url must be a string'],
    ['an unsupported url', { databases: { pg: { url: 'oracle://h/db' } } }, 'databases.pg.url: unsupported database URL scheme oracle'],
    [
      'a schema for SQLite',
      { databases: { lite: { url: 'sqlite:x.db', schema: 'ai' } } },
      'databases.lite.schema does not apply to SQLite',
    ],
    ['databases that is not an object', { databases: [] }, 'databases must be an object'],
    ['no databases', { databases: {} }, 'databases must name at least one database'],
    ['no databases key', { securityKey: 'abc' }, 'databases is required'],
    ['the reserved id all', { databases: { all: { url: 'sqlite:x.db' } } }, 'databases.all: the id "all" is reserved'],
    [
      'a securityKey that is not a string',
      { securityKey: 12345, databases: { a: { url: 'sqlite:x.db' } } },
      'securityKey must be a string',
    ],
    ['a top level that is not an object', [1, 2], 'the top level must be an object'],
  ];
  for (const [name, content, message] of cases) {
    it(name, () => {
      const file = configFile(content);
      const run = runCli(['status', '--config', file]);
      expectUsageError(run, message);
      expect(run.stderr).toContain(`config file ${file}`);
    });
  }

  it('invalid JSON, with the line and column', () => {
    const file = configFile('{\n  "databases": {\n    "a": {"url": "sqlite:x.db",}\n  }\n}\n');
    expectUsageError(runCli(['status', '--config', file]), /is not valid JSON: .* at line 3, column 32/);
    const cut = configFile('{"databases": {', 'cut.json');
    expectUsageError(runCli(['status', '--config', cut]), /is not valid JSON: .* at line 1, column 16/);
  });

  it('a file that cannot be read', () => {
    expectUsageError(
      runCli(['status', '--config', join(dir, 'missing.json')]),
      `cannot read config file ${join(dir, 'missing.json')}: no such file`,
    );
    expectUsageError(runCli(['status', '--config', dir]), 'it is a directory');
  });

  it('never shows a password or the security key, whatever goes wrong', () => {
    const file = configFile({
      securityKey: 'the-key-4711',
      databases: {
        pg: { url: 'postgres://agno:pw-4711-secret@127.0.0.1:1/test' },
        bad: { url: 'postgres://agno:pw-4711-secret@[bad/test' },
      },
    });
    for (const args of [
      ['status', '--db-id', 'pg'],
      ['up', '--db-id', 'bad', '--json'],
      ['status', '--db-id', 'nope', '--json'],
    ]) {
      const run = runCli([...args, '--config', file]);
      expect(run.code).not.toBe(0);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stdout + run.stderr).not.toContain('pw-4711-secret');
      expect(run.stdout + run.stderr).not.toContain('the-key-4711');
    }
  });
});
