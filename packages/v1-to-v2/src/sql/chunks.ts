import type { WriteLimits } from '@agno-migrate/core';

/** Bytes a row's values take on the wire, near enough to size statements. */
export function rowBytes(values: readonly unknown[]): number {
  let bytes = 0;
  for (const value of values) {
    if (typeof value === 'string') bytes += Buffer.byteLength(value, 'utf8') + 4;
    else bytes += 24;
  }
  return bytes;
}

/**
 * Splits rows into statements that stay under the parameter limit and the byte budget, in order.
 * A row too large to send at all is reported by index, for the caller to name.
 */
export function splitRows(
  rows: readonly (readonly unknown[])[],
  columns: number,
  limits: WriteLimits,
): { chunks: number[][]; tooLarge?: { index: number; bytes: number } } {
  const maxRows = Math.max(1, Math.floor(limits.maxParams / columns));
  const chunks: number[][] = [];
  let current: number[] = [];
  let bytes = 0;
  for (let i = 0; i < rows.length; i++) {
    const size = rowBytes(rows[i]!);
    if (size > limits.maxRowBytes) return { chunks, tooLarge: { index: i, bytes: size } };
    if (current.length > 0 && (current.length >= maxRows || bytes + size > limits.batchBytes)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(i);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return { chunks };
}
