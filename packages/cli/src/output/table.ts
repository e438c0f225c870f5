import pc from 'picocolors';

/** Aligned columns with a dim header; width measured without colour codes. */
export function renderTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const visible = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '').length;
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => visible(r[i] ?? ''))));
  const line = (cells: readonly string[]) =>
    cells.map((cell, i) => (i === cells.length - 1 ? cell : cell + ' '.repeat(widths[i]! - visible(cell)))).join('  ');
  return [pc.dim(line(header)), ...rows.map(line)].join('\n');
}
