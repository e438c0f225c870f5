import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { freshDatabases, requireMariadb, skipMariadb, urlOf } from './support/mariadb-env.js';

const BIN = fileURLToPath(new URL('../../cli/bin/agno-migrate.js', import.meta.url));

function cli(args: readonly string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', AGNO_DB_URL: '' } });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** `agno-migrate … --db singlestore://…` end to end: the CLI loads this package by the URL's scheme. */
describe('agno-migrate with singlestore:// URLs', () => {
  it('reports a closed port in one line, with exit code 1 and no password', () => {
    const run = cli(['status', '--db', 'singlestore://agno:S3cret-pw@127.0.0.1:1/app']);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('cannot reach SingleStore at 127.0.0.1:1 (ECONNREFUSED)');
    expect(run.stderr).not.toContain('S3cret-pw');
    expect(run.stdout).toBe('');
  });

  it('asks for a database when the URL names none, with exit code 2', () => {
    const run = cli(['status', '--db', 'singlestore://agno@127.0.0.1:1']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toMatch(/names no database: put it in the URL .* or pass --schema$/);
  });

  describe.skipIf(skipMariadb)('against a server that speaks the protocol (MariaDB)', () => {
    requireMariadb();
    const fresh = freshDatabases();

    it('prints the status of every table as JSON', async () => {
      const db = await fresh();
      const run = cli(['status', '--db', urlOf(db).replace(/^mysql:/, 'singlestore:'), '--json']);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const tables = JSON.parse(run.stdout).tables as { tableType: string; exists: boolean }[];
      expect(tables.find((t) => t.tableType === 'sessions')).toMatchObject({ exists: false });
    });
  });
});
