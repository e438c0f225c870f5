import { fileURLToPath } from 'node:url';

/** The repository root, from this file's place in tools/bench/dist/support. */
export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

export const CLI_BIN = fileURLToPath(new URL('../../../../packages/cli/bin/agno-migrate.js', import.meta.url));

/** A compiled script of this package, e.g. `processes/floor.js`. */
export function benchScript(relative: string): string {
  return fileURLToPath(new URL(`../${relative}`, import.meta.url));
}

export const DEFAULT_REPORT = fileURLToPath(new URL('../../REPORT.md', import.meta.url));
