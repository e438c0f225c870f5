import pc from 'picocolors';

export type Colors = ReturnType<typeof pc.createColors>;

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
export function colorEnabled(stream: { readonly isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (disabled || env['NO_COLOR']) return false;
  const force = env['FORCE_COLOR'];
  if (force !== undefined && force !== '' && force !== '0' && force !== 'false') return true;
  return stream.isTTY === true && env['TERM'] !== 'dumb';
}

export function colorsFor(stream: { readonly isTTY?: boolean }): Colors {
  return pc.createColors(colorEnabled(stream));
}

/** Colours for what goes to stdout (reports) and to stderr (errors, progress). */
export const stdoutColors = (): Colors => colorsFor(process.stdout);
export const stderrColors = (): Colors => colorsFor(process.stderr);
