import { createRequire } from 'node:module';
import type { Colors } from './colors.js';
import { stdoutColors } from './colors.js';

type StringWidth = (text: string) => number;
let stringWidth: StringWidth | undefined;

const PLAIN = /^[\x20-\x7e]*$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const ANSI = /\x1b\[[0-9;]*m/g;

/**
 * Columns a cell takes on a terminal. Printable ASCII is one column a character; anything else
 * (CJK takes two, emoji and combining marks vary) is measured by string-width, loaded only then so
 * an all-ASCII report does not pay for its Unicode tables.
 */
export function displayWidth(text: string): number {
  const visible = text.replace(ANSI, '');
  if (PLAIN.test(visible)) return visible.length;
  stringWidth ??= (createRequire(import.meta.url)('string-width') as { default: StringWidth }).default;
  return stringWidth(visible);
}

/** Aligned columns with a dim header; widths in terminal columns, colour codes not counted. */
export function renderTable(header: readonly string[], rows: readonly (readonly string[])[], colors: Colors = stdoutColors()): string {
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const line = (cells: readonly string[]) =>
    cells.map((cell, i) => (i === cells.length - 1 ? cell : cell + ' '.repeat(widths[i]! - displayWidth(cell)))).join('  ');
  return [colors.dim(line(header)), ...rows.map(line)].join('\n');
}
