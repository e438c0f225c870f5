import type { Connection, Dialect } from '@agno-migrate/core';
import type { UpsertSpec } from '../sql/family.js';

/**
 * The target rows already holding these keys, with their owner: one indexed lookup per batch that
 * tells inserts from updates and applies Agno's ownership rule before writing, so every row is
 * counted exactly (the upsert's own guard stays as a safety net).
 */
export async function existingRows(
  conn: Connection,
  dialect: Dialect,
  spec: UpsertSpec,
  keys: readonly string[],
  maxParams: number,
): Promise<Map<string, unknown>> {
  const found = new Map<string, unknown>();
  const key = spec.conflict[0]!;
  const q = (n: string) => dialect.quoteIdent(n);
  const select = spec.owner ? `${q(key)}, ${q(spec.owner)}` : q(key);
  const size = Math.max(1, Math.min(maxParams, 10_000));
  for (let start = 0; start < keys.length; start += size) {
    const slice = keys.slice(start, start + size);
    const marks = slice.map((_, i) => dialect.placeholder(i + 1)).join(', ');
    const result = await conn.query(`SELECT ${select} FROM ${spec.table} WHERE ${q(key)} IN (${marks})`, slice);
    for (const row of result.rows) found.set(String(row[key]), spec.owner ? (row[spec.owner] ?? null) : null);
  }
  return found;
}
