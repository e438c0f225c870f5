// How long each layer of the CLI takes to load in a fresh process, in the order the CLI loads them.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { DatabaseKind } from '../support/config.js';
import { CLI_BIN } from '../support/paths.js';

const kind = process.argv[2] as DatabaseKind;
const DIALECTS: Record<DatabaseKind, { pkg: string; driver: string }> = {
  sqlite: { pkg: '@agno-migrate/dialect-sqlite', driver: 'better-sqlite3' },
  postgres: { pkg: '@agno-migrate/dialect-postgres', driver: 'pg' },
  mysql: { pkg: '@agno-migrate/dialect-mysql', driver: 'mysql2/promise' },
};
const fromCli = createRequire(CLI_BIN);
const marks: Record<string, number> = { start: performance.now() };
let last = marks['start']!;
const step = async (name: string, load: () => Promise<unknown>) => {
  await load();
  const now = performance.now();
  marks[name] = now - last;
  last = now;
};
await step('commander', () => import(pathToFileURL(fromCli.resolve('commander')).href));
await step('core', () => import('@agno-migrate/core'));
await step('dialect', () => import(DIALECTS[kind].pkg));
await step('driver', () => import(DIALECTS[kind].driver));
process.stdout.write(`${JSON.stringify(marks)}\n`);
