import { writeStdout } from './standard-streams.js';

/** Bumped when a field of a --json document changes meaning or goes away; new fields do not bump it. */
export const JSON_FORMAT_VERSION = 1;

/** The database a command runs on, as every --json document names it (never with a password). */
let target: { database: string | null; schema: string | null } = { database: null, schema: null };

export function setJsonTarget(database: string, schema: string | undefined): void {
  target = { database, schema: schema ?? null };
}

/**
 * The one JSON document `--json` prints on stdout: its format version, the database and schema it
 * ran on, then the command's result. BigInts (driver values) become strings.
 */
export function printJson(value: unknown): void {
  const document =
    value !== null && typeof value === 'object' && !Array.isArray(value) ? { format: JSON_FORMAT_VERSION, ...target, ...value } : value;
  writeStdout(`${JSON.stringify(document, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2)}\n`);
}
