// How long each layer of the CLI takes to load in a fresh process, in the order the CLI loads them.
import { pathToFileURL } from 'node:url';
import type { DatabaseKind } from '../support/config.js';
import { CLI_BIN } from '../support/paths.js';

const kind = process.argv[2] as DatabaseKind;
const DIALECTS: Record<DatabaseKind, { pkg: string; driver: string }> = {
  sqlite: { pkg: '@agno-migrate/dialect-sqlite', driver: 'better-sqlite3' },
  postgres: { pkg: '@agno-migrate/dialect-postgres', driver: 'pg' },
  mysql: { pkg: '@agno-migrate/dialect-mysql', driver: 'mysql2/promise' },
};
// The CLI's library entry: the same bundle as its binary (commander included), without running it.
const CLI_BUNDLE = new URL('../dist/index.js', pathToFileURL(CLI_BIN)).href;
const marks: Record<string, number> = { start: performance.now() };
let last = marks['start']!;
const step = async (name: string, load: () => Promise<unknown>) => {
  await load();
  const now = performance.now();
  marks[name] = now - last;
  last = now;
};
await step('core', () => import('@agno-migrate/core'));
await step('cli', () => import(CLI_BUNDLE));
await step('dialect', () => import(DIALECTS[kind].pkg));
await step('driver', () => import(DIALECTS[kind].driver));
process.stdout.write(`${JSON.stringify(marks)}\n`);
