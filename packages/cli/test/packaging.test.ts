import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

// The image itself needs a Docker engine to build, which the test machine does not have: its
// entrypoint script is tested here, with a stand-in agno-migrate on PATH that prints its arguments.
describe('the Docker image entrypoint and the GitHub Action step', () => {
  let bin: string;
  beforeAll(() => {
    bin = mkdtempSync(join(tmpdir(), 'agno-fake-bin-'));
    for (const name of ['agno-migrate', 'npx']) {
      const file = join(bin, name);
      writeFileSync(file, `#!/bin/sh\necho "${name} AGNO_DB_URL=\${AGNO_DB_URL:-}"\nfor a in "$@"; do echo "[$a]"; done\n`);
      chmodSync(file, 0o755);
    }
  });
  afterAll(() => rmSync(bin, { recursive: true, force: true }));

  // Each script under the shell its first line names: the image has sh only, the runner bash.
  const run = (script: string, args: string[], env: Record<string, string> = {}) => {
    const shell = script.endsWith('run.sh') ? 'bash' : 'sh';
    const result = spawnSync(shell, [join(ROOT, script), ...args], { encoding: 'utf8', env: { PATH: `${bin}:/usr/bin:/bin`, ...env } });
    return { code: result.status, out: result.stdout, err: result.stderr };
  };

  it.each([
    [[], ['up']],
    [['--json'], ['up', '--json']],
    [
      ['status', '--check'],
      ['status', '--check'],
    ],
    [
      ['up', '--dry-run', '--db', 'postgres://a b@h/d'],
      ['up', '--dry-run', '--db', 'postgres://a b@h/d'],
    ],
  ])('entrypoint %j runs agno-migrate %j', (args, expected) => {
    const r = run('docker/entrypoint.sh', args);
    expect(r.code).toBe(0);
    expect(r.out.split('\n').slice(1, -1)).toEqual(expected.map((a) => `[${a}]`));
  });

  it('the Dockerfile uses that entrypoint and installs every dialect and driver', () => {
    const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
    expect(dockerfile).toContain('COPY docker/entrypoint.sh /usr/local/bin/agno-migrate-entrypoint');
    expect(dockerfile).toMatch(/ENTRYPOINT \["agno-migrate-entrypoint"\]/);
    for (const pkg of ['dialect-sqlite', 'dialect-postgres', 'dialect-mysql', 'dialect-singlestore', 'cli'])
      expect(dockerfile).toContain(pkg);
    for (const driver of ['pg', 'mysql2', 'better-sqlite3']) expect(dockerfile).toMatch(new RegExp(`\\b${driver}\\b`));
  });

  it.each([
    ['postgres://app:pw@db/agno', 'dialect-postgres', 'pg'],
    ['mariadb://root@db/app', 'dialect-mysql', 'mysql2'],
    ['singlestore://admin@svc/agents', 'dialect-singlestore', 'mysql2'],
    ['sqlite:./agno.db', 'dialect-sqlite', 'better-sqlite3'],
  ])('the action on %s installs the CLI with %s and %s, the URL in the environment only', (url, dialect, driver) => {
    const r = run('.github/action/run.sh', [], {
      AGNO_ACTION_DATABASE_URL: url,
      AGNO_ACTION_SCHEMA: 'ai',
      AGNO_ACTION_COMMAND: 'status',
      AGNO_ACTION_ARGS: '--check  --json',
      AGNO_ACTION_VERSION: '0.2.0',
    });
    expect(r.code, r.err).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines[0]).toBe(`npx AGNO_DB_URL=${url}`);
    expect(lines.slice(1)).toEqual(
      [
        '--yes',
        '--package=@agno-migrate/cli@0.2.0',
        `--package=@agno-migrate/${dialect}@0.2.0`,
        `--package=${driver}`,
        '--',
        'agno-migrate',
        'status',
        '--schema',
        'ai',
        '--check',
        '--json',
      ].map((a) => `[${a}]`),
    );
  });

  it('the action refuses a URL it cannot place, exit 2', () => {
    const r = run('.github/action/run.sh', [], { AGNO_ACTION_DATABASE_URL: 'oracle://x/y' });
    expect(r.code).toBe(2);
    expect(r.err).toContain('cannot tell the database');
  });

  it('action.yml passes every input to the step', () => {
    const action = readFileSync(join(ROOT, 'action.yml'), 'utf8');
    for (const input of ['database-url', 'schema', 'command', 'args', 'version']) {
      expect(action).toContain(`  ${input}:\n`);
      expect(action).toContain(`\${{ inputs.${input} }}`);
    }
    expect(action).toContain('run: bash "$GITHUB_ACTION_PATH/.github/action/run.sh"');
  });

  it('the workflow runs .ci/run', () => {
    expect(readFileSync(join(ROOT, '.github/workflows/ci.yml'), 'utf8')).toMatch(/run: \.ci\/run/);
  });
});
