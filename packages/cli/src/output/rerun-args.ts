import type { CommonOptions } from '../common-options.js';

/**
 * The options that chose the database and named its tables, as the user gave them, so a command
 * line the CLI suggests runs against the same tables: without them a pasted hint would run against
 * ./agno.db. A URL from the environment is left out (the same variable applies again); a password
 * in a --db URL is scrubbed on output like every other, so the user puts it back.
 */
export function connectionArgs(options: CommonOptions): string[] {
  const pairs: [string, string | undefined][] = [
    ['--config', options.config],
    ['--db-id', options.dbId],
    ['--db', options.db],
    ['--schema', options.schema],
    ...options.table.map((rename): [string, string] => ['--table', rename]),
    ['--versions-table', options.versionsTable],
  ];
  return pairs.flatMap(([flag, value]) => (value === undefined ? [] : [flag, shellWord(value)]));
}

/** A word a POSIX shell reads back unchanged: bare when it is plainly safe, else single-quoted. */
export function shellWord(value: string): string {
  if (/^[\w@%+=:,./-]+$/.test(value)) return value;
  return `'${value.replaceAll("'", `'\\''`)}'`;
}
