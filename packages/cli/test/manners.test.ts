import { AGNO_GRAPH } from '@agno-migrate/test-infra';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runCli } from './run-cli.js';

const BIN = fileURLToPath(new URL('../bin/agno-migrate.js', import.meta.url));
const shellQuote = (word: string) => `'${word.replaceAll("'", `'\\''`)}'`;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'agno-manners-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const oneErrorLine = (run: { code: number; stderr: string }, code: number, message: RegExp) => {
  expect(run.code, run.stderr).toBe(code);
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(run.stderr).toMatch(message);
};

describe('help', () => {
  it('bare agno-migrate prints the overview on stdout, exit 0', () => {
    const run = runCli([]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: agno-migrate [options] [command]');
    expect(run.stdout).toMatch(/^\s+up \[options\]/m);
    expect(run.stdout).toContain('DATABASE_URL');
  });

  it.each(['status', 'up', 'down', 'init', 'verify', 'v1-to-v2', 'serve'])(
    'help <command> and <command> --help show examples, environment and exit codes: %s',
    (command) => {
      const viaHelp = runCli(['help', command]);
      const viaFlag = runCli([command, '--help']);
      expect(viaHelp.code).toBe(0);
      expect(viaFlag.stdout).toBe(viaHelp.stdout);
      expect(viaHelp.stdout).toContain(`Usage: agno-migrate ${command}`);
      expect(viaHelp.stdout).toMatch(new RegExp(`Examples:\\n  agno-migrate ${command} `));
      expect(viaHelp.stdout).toContain('Environment:');
      expect(viaHelp.stdout).toContain('Exit codes:\n  0  done');
      expect(viaHelp.stdout).toContain('  4  the migration lock');
    },
  );

  it('--version is the package version', async () => {
    const { default: manifest } = await import('../package.json', { with: { type: 'json' } });
    expect(runCli(['--version']).stdout.trim()).toBe(manifest.version);
  });
});

describe('where the database comes from', () => {
  const create = (args: string[], env: Record<string, string> = {}) => runCli(['up', '--create-missing', '--json', ...args], env, dir);

  it('options before the command name work as after it, and --table renames add up', () => {
    const run = runCli(['--db', 'sqlite:./a.db', '--table', 'memories=m1', 'init', '--table', 'sessions=s1', '--json'], {}, dir);
    expect(run.code, run.stderr).toBe(0);
    const names = JSON.parse(run.stdout).tables.map((t: { tableName: string }) => t.tableName);
    expect(names).toContain('m1');
    expect(names).toContain('s1');
    expect(existsSync(join(dir, 'a.db'))).toBe(true);
  });

  it('a value after the command wins over the same option before it', () => {
    const run = runCli(['--db', 'sqlite:./before.db', 'init', '--db', 'sqlite:./after.db', '--json'], {}, dir);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).database).toBe('sqlite:./after.db');
    expect(existsSync(join(dir, 'before.db'))).toBe(false);
  });

  it('DATABASE_URL is used after --db and AGNO_DB_URL', () => {
    expect(JSON.parse(create([], { DATABASE_URL: 'sqlite:./from-database-url.db' }).stdout).database).toBe('sqlite:./from-database-url.db');
    expect(JSON.parse(create([], { DATABASE_URL: 'sqlite:./d.db', AGNO_DB_URL: 'sqlite:./agno-url.db' }).stdout).database).toBe(
      'sqlite:./agno-url.db',
    );
    expect(
      JSON.parse(create(['--db', 'sqlite:./flag.db'], { DATABASE_URL: 'sqlite:./d.db', AGNO_DB_URL: 'sqlite:./a.db' }).stdout).database,
    ).toBe('sqlite:./flag.db');
  });

  it.each([['up'], ['down', '--target', '2.0.0'], ['status'], ['verify']])(
    '%s on an SQLite file that does not exist: exit 2, names --db, AGNO_DB_URL and DATABASE_URL, creates nothing',
    (...args) => {
      const run = runCli([...args, '--db', 'sqlite:./typo.db'], {}, dir);
      oneErrorLine(run, 2, /no such database file \.\/typo\.db: check --db \(else AGNO_DB_URL, else DATABASE_URL, else \.\/agno\.db\)/);
      expect(existsSync(join(dir, 'typo.db'))).toBe(false);
    },
  );

  it('an empty --db names the other places a database can come from', () => {
    oneErrorLine(runCli(['status', '--db', '']), 2, /--db is empty: .*AGNO_DB_URL, else DATABASE_URL, else \.\/agno\.db/);
  });

  it('a dry run never creates the file, init and up --create-missing do', () => {
    expect(runCli(['up', '--create-missing', '--dry-run', '--db', 'sqlite:./x.db'], {}, dir).code).toBe(2);
    expect(existsSync(join(dir, 'x.db'))).toBe(false);
    expect(runCli(['init', '--db', 'sqlite:./x.db'], {}, dir).code).toBe(0);
    expect(runCli(['up', '--db', 'sqlite:./x.db'], {}, dir).code).toBe(0);
  });
});

describe('for pipelines and people', () => {
  it('status --check: exit 1 while steps are pending, 0 once up has run; plain status is 0 either way', () => {
    const db = ['--db', 'sqlite:./c.db'];
    expect(runCli(['init', '--table-type', 'memories', ...db], {}, dir).code).toBe(0);
    // Back to 2.0.0: three steps pending.
    expect(runCli(['down', '--target', '2.0.0', '--table-type', 'memories', ...db], {}, dir).code).toBe(0);
    expect(runCli(['status', ...db], {}, dir).code).toBe(0);
    const pending = runCli(['status', '--check', ...db], {}, dir);
    expect(pending.code).toBe(1);
    expect(pending.stdout).toMatch(/agno_memories\s+memories\s+yes\s+2\.0\.0\s+2\.3\.0, 2\.5\.0, 2\.5\.6/);
    expect(runCli(['up', ...db], {}, dir).code).toBe(0);
    expect(runCli(['status', '--check', ...db], {}, dir).code).toBe(0);
  });

  it('every --json document has its format version, the database and the schema, errors too', () => {
    const db = ['--db', 'sqlite:./j.db'];
    for (const args of [
      ['init', '--json'],
      ['up', '--json'],
      ['status', '--json'],
      ['verify', '--json'],
    ]) {
      const doc = JSON.parse(runCli([...args, ...db], {}, dir).stdout);
      expect(doc, args.join(' ')).toMatchObject({ format: 1, database: 'sqlite:./j.db', schema: null });
      expect(Object.keys(doc).slice(0, 3)).toEqual(['format', 'database', 'schema']);
    }
    const error = JSON.parse(runCli(['up', '--target', 'abc', '--json', ...db], {}, dir).stdout);
    expect(error).toMatchObject({ format: 1, error: { code: 'version', exitCode: 2 } });
  });

  it('durations per table and per step, in --json and on screen', () => {
    const db = ['--db', 'sqlite:./t.db'];
    runCli(['init', '--table-type', 'memories', ...db], {}, dir);
    runCli(['down', '--target', '2.0.0', '--table-type', 'memories', ...db], {}, dir);
    const json = JSON.parse(runCli(['up', '--json', '--table-type', 'memories', ...db], {}, dir).stdout);
    const table = json.tables[0];
    expect(typeof table.durationMs).toBe('number');
    expect(table.steps).toHaveLength(AGNO_GRAPH.steps.length);
    for (const step of table.steps) expect(typeof step.durationMs).toBe('number');
    runCli(['down', '--target', '2.0.0', '--table-type', 'memories', ...db], {}, dir);
    const human = runCli(['up', '--table-type', 'memories', ...db], {}, dir).stdout;
    expect(human).toMatch(/TABLE\s+TYPE\s+FROM\s+TO\s+TIME\s+RESULT/);
    expect(human).toMatch(
      new RegExp(`agno_memories\\s+memories\\s+2\\.0\\.0\\s+${AGNO_GRAPH.latest.replaceAll('.', '\\.')}\\s+\\d+ ms\\s+migrated`),
    );
    expect(human).toMatch(/agno_memories: up 2\.0\.0 → 2\.3\.0 · \d+ ms/);
    expect(human).toMatch(/agno_memories: up 2\.5\.0 → 2\.5\.6 · \d+ ms/);
  });

  it('down without --target says --target', () => {
    oneErrorLine(runCli(['down', '--db', 'sqlite::memory:']), 2, /^error: down needs --target <version>/);
  });

  it.each([
    ['memries', 'memories'],
    ['sesions', 'sessions'],
    ['approval_', 'approvals'],
  ])('a mistyped --table-type %s: did you mean %s?', (typo, meant) => {
    oneErrorLine(
      runCli(['status', '--table-type', typo, '--db', 'sqlite::memory:']),
      2,
      new RegExp(`unknown table type "${typo}": did you mean ${meant}\\? use one of memories,`),
    );
  });

  it('no suggestion for something unlike any table type', () => {
    oneErrorLine(
      runCli(['status', '--table-type', 'zzzzzzzz', '--db', 'sqlite::memory:']),
      2,
      /unknown table type "zzzzzzzz": use one of memories,/,
    );
  });
});

describe('colour', () => {
  it('never on a pipe, not even with CI=true; FORCE_COLOR turns it on; --no-color and NO_COLOR off', () => {
    const db = ['--db', 'sqlite:./col.db'];
    runCli(['init', ...db], {}, dir);
    const env = { NO_COLOR: '' };
    // biome-ignore lint/suspicious/noControlCharactersInRegex: an escape sequence is what is looked for
    const ansi = /\x1b\[/;
    expect(runCli(['status', ...db], { ...env, CI: 'true' }, dir).stdout).not.toMatch(ansi);
    expect(runCli(['status', ...db], { ...env, FORCE_COLOR: '1' }, dir).stdout).toMatch(ansi);
    expect(runCli(['status', ...db, '--no-color'], { ...env, FORCE_COLOR: '1' }, dir).stdout).not.toMatch(ansi);
    expect(runCli(['--no-color', 'status', ...db], { ...env, FORCE_COLOR: '1' }, dir).stdout).not.toMatch(ansi);
    expect(runCli(['status', ...db], { NO_COLOR: '1', FORCE_COLOR: '1' }, dir).stdout).not.toMatch(ansi);
  });

  it('on a terminal, colour on; with TERM=dumb, off', () => {
    const db = ['--db', 'sqlite:./col.db'];
    runCli(['init', ...db], {}, dir);
    const onTerminal = (env: Record<string, string>) =>
      spawnSync('script', ['-qec', `${shellQuote(process.execPath)} ${shellQuote(BIN)} status ${db.join(' ')}`, '/dev/null'], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', AGNO_DB_URL: '', ...env },
      });
    const colour = onTerminal({ TERM: 'xterm' });
    expect(colour.status, colour.stderr).toBe(0);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: an escape sequence is what is looked for
    expect(colour.stdout).toMatch(/\x1b\[/);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: an escape sequence is what is looked for
    expect(onTerminal({ TERM: 'dumb' }).stdout).not.toMatch(/\x1b\[/);
  });
});

describe('standard streams of every kind', () => {
  it('a report comes out whether stderr is a shell pipe, a file or discarded', () => {
    runCli(['init', '--db', 'sqlite:./kinds.db'], {}, dir);
    const command = `${shellQuote(process.execPath)} ${shellQuote(BIN)} status --db sqlite:./kinds.db`;
    for (const redirect of ['2>&1 | cat', '2>err.txt | cat', '2>/dev/null | cat', '2>&1 >out.txt; cat out.txt']) {
      const run = spawnSync('sh', ['-c', `${command} ${redirect}`], {
        cwd: dir,
        encoding: 'utf8',
        env: { PATH: process.env['PATH'] ?? '' },
      });
      expect(run.stdout, redirect).toMatch(/^status · sqlite:\.\/kinds\.db · latest /);
    }
  });
});

describe('a reader that stops early', () => {
  it('ends the run quietly: exit 0, nothing on stderr', async () => {
    runCli(['init', '--db', 'sqlite:./early.db'], {}, dir);
    const child = spawn(process.execPath, [BIN, 'status', '--db', 'sqlite:./early.db'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    // Closed before the report is written: the write fails with EPIPE.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
