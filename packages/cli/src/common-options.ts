import type { Command } from 'commander';
import { ConfigurationError, resolveTableType } from '@agno-migrate/core';

export interface CommonOptions {
  db?: string;
  schema?: string;
  table: string[];
  versionsTable?: string;
  json?: boolean;
  lockTimeout?: number;
  /** A JSON file of named databases (see config/config-types.ts), instead of --db. */
  config?: string;
  dbId?: string;
}

export function addCommonOptions(command: Command): Command {
  return command
    .option('--db <url>', 'database URL (default $AGNO_DB_URL, else $DATABASE_URL, else sqlite:./agno.db)')
    .option('--schema <name>', 'PostgreSQL schema / MySQL database of the tables')
    .option('--table <type=name>', 'rename a table, e.g. memories=my_memories (repeatable)', collect, [])
    .option('--versions-table <name>', 'name of the versions table (default agno_schema_versions)')
    .option('--config <file>', 'JSON file of named databases (url, schema, table names), instead of --db')
    .option('--db-id <id>', 'which database of the --config file (needed when it names several)')
    .option('--json', 'print one JSON document on stdout and nothing else there')
    .option('--lock-timeout <seconds>', 'how long to wait for another run to finish (default 300)', parseSeconds);
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function parseSeconds(value: string): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds < 0)
    throw new ConfigurationError(`--lock-timeout takes a number of seconds, not ${JSON.stringify(value)}`);
  return seconds;
}

export function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigurationError(`--port takes a port number 0-65535, not ${JSON.stringify(value)}`);
  return port;
}

/** `--table memories=my_memories` → `{ memories: 'my_memories' }`. */
export function parseTableRenames(values: readonly string[]): Record<string, string> {
  // No prototype: `__proto__=x` must be a key like any other, not a silent no-op.
  const renames: Record<string, string> = Object.create(null);
  for (const value of values) {
    const at = value.indexOf('=');
    if (at <= 0 || at === value.length - 1) {
      throw new ConfigurationError(`--table takes <type>=<name>, e.g. memories=my_memories, not ${JSON.stringify(value)}`);
    }
    const type = value.slice(0, at).trim();
    // An unknown type (constructor, prototype, __proto__, a typo) is refused here, before connecting.
    resolveTableType(type);
    renames[type] = value.slice(at + 1);
  }
  return renames;
}
