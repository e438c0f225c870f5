import { cpSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CLI_PACKAGE = fileURLToPath(new URL('../../../', import.meta.url));

export interface BareInstall {
  /** The installed `agno-migrate` binary. */
  readonly bin: string;
  remove(): void;
}

/**
 * A real install of the CLI with its dependencies and no dialect package, the way a user who
 * installed only `@agno-migrate/cli` has it: node_modules/@agno-migrate/cli is a copy (so Node
 * resolves its imports from here, not from the workspace), its dependencies are links.
 */
export function installWithoutDialects(): BareInstall {
  const root = mkdtempSync(join(tmpdir(), 'agno-bare-install-'));
  const modules = join(root, 'node_modules');
  const cli = join(modules, '@agno-migrate', 'cli');
  mkdirSync(cli, { recursive: true });
  for (const part of ['package.json', 'bin', 'dist']) cpSync(join(CLI_PACKAGE, part), join(cli, part), { recursive: true });
  const manifest = JSON.parse(readFileSync(join(CLI_PACKAGE, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  for (const name of Object.keys(manifest.dependencies)) {
    const link = join(modules, name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(realpathSync(join(CLI_PACKAGE, 'node_modules', name)), link, 'dir');
  }
  return { bin: join(cli, 'bin', 'agno-migrate.js'), remove: () => rmSync(root, { recursive: true, force: true }) };
}
