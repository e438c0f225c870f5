import { createRequire } from 'node:module';
import type pc from 'picocolors';
import { isTerminal } from './standard-streams.js';

type Picocolors = ReturnType<typeof pc.createColors>;

/** The few styles the CLI uses. */
export type Colors = Pick<Picocolors, 'bold' | 'dim' | 'red' | 'green' | 'yellow' | 'cyan'>;

let disabled = false;

/** `--no-color` anywhere on the command line. */
export function disableColor(): void {
  disabled = true;
}

/**
 * Colour for one stream, decided by that stream's own terminal: stderr may be a terminal while
 * stdout is piped to a file. `NO_COLOR` and `--no-color` switch it off, `FORCE_COLOR` (not 0) on;
 * `CI=true` alone does not, so a pipeline's captured logs stay plain.
 */
export function colorEnabled(stream: { readonly isTTY?: boolean } | 1 | 2, env: NodeJS.ProcessEnv = process.env): boolean {
  if (disabled || env['NO_COLOR']) return false;
  const force = env['FORCE_COLOR'];
  if (force !== undefined && force !== '' && force !== '0' && force !== 'false') return true;
  if (env['TERM'] === 'dumb') return false;
  return typeof stream === 'number' ? isTerminal(stream) : stream.isTTY === true;
}

const plain = (text: string | number | null | undefined): string => String(text);
const PLAIN: Colors = { bold: plain, dim: plain, red: plain, green: plain, yellow: plain, cyan: plain };

let painting: Colors | undefined;

/**
 * picocolors loads `tty` as it starts, which a piped or scripted run (the usual case, and every
 * no-op in CI) would pay for nothing: it loads only when some stream is to be coloured.
 */
export function colorsFor(stream: { readonly isTTY?: boolean } | 1 | 2): Colors {
  if (!colorEnabled(stream)) return PLAIN;
  painting ??= (createRequire(import.meta.url)('picocolors') as typeof pc).createColors(true);
  return painting;
}

/** Colours for what goes to stdout (reports) and to stderr (errors, progress). */
export const stdoutColors = (): Colors => colorsFor(1);
export const stderrColors = (): Colors => colorsFor(2);
