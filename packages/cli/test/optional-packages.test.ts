import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNode } from './reliability/support/cli-process.js';
import { installWithoutDialects } from './reliability/support/install-without-dialects.js';
import type { BareInstall } from './reliability/support/install-without-dialects.js';
import { expectOneErrorLine } from './reliability/support/output-checks.js';

const PACKAGES = fileURLToPath(new URL('../../', import.meta.url));

/** Copies a workspace package (manifest and dist only, none of its node_modules) into an install. */
function addPackage(bare: BareInstall, name: string): void {
  const modules = join(dirname(bare.bin), '..', '..', '..');
  const target = join(modules, '@agno-migrate', name);
  mkdirSync(target, { recursive: true });
  for (const part of ['package.json', 'dist']) cpSync(join(PACKAGES, name, part), join(target, part), { recursive: true });
}

// The CLI installed with its dependencies only (core and the output helpers; commander is bundled), as
// `npm install @agno-migrate/cli @agno-migrate/dialect-…` leaves it; .ci/pack-and-install does the same from real tarballs.
describe('an install with only what it needs', () => {
  let bare: BareInstall;
  let dir: string;
  beforeAll(() => {
    bare = installWithoutDialects();
    // Dialects without their drivers: the driver is a peer the user installs.
    addPackage(bare, 'dialect-sqlite');
    addPackage(bare, 'dialect-postgres');
    dir = mkdtempSync(join(tmpdir(), 'agno-optional-'));
    writeFileSync(join(dir, 'agno-migrate.json'), JSON.stringify({ databases: { main: { url: 'sqlite:./agno.db' } } }));
  });
  afterAll(() => {
    bare.remove();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serve without @agno-migrate/http: one line naming the package, exit 2', async () => {
    const run = await runNode(bare.bin, ['serve', '--config', 'agno-migrate.json'], { cwd: dir });
    expectOneErrorLine(run, 2, /^error: serve needs @agno-migrate\/http, which is not installed: run `npm install @agno-migrate\/http`\n$/);
  });

  it('v1-to-v2 without @agno-migrate/v1-to-v2: one line naming the package, exit 2', async () => {
    const run = await runNode(bare.bin, ['v1-to-v2', '--memories', 'agent_memories', '--json'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout).error.message).toBe(
      'v1-to-v2 needs @agno-migrate/v1-to-v2, which is not installed: run `npm install @agno-migrate/v1-to-v2`',
    );
  });

  it.each([
    ['SQLite', ['status', '--db', 'sqlite:./agno.db'], 'better-sqlite3'],
    ['PostgreSQL', ['status', '--db', 'postgres://app@127.0.0.1:1/app'], 'pg'],
  ])('a dialect without its %s driver: exit 2, names the driver, opens nothing', async (name, args, driver) => {
    const run = await runNode(bare.bin, args, { cwd: dir });
    expectOneErrorLine(run, 2, new RegExp(`the ${name} driver ${driver} is not installed: run \`npm install ${driver}\``));
  });

  it('--version and help need none of them', async () => {
    const version = await runNode(bare.bin, ['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toBe((await import('../package.json', { with: { type: 'json' } })).default.version);
  });
});
