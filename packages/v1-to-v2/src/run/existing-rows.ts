import type { Connection, Dialect, UpsertSpec } from '@agno-migrate/core';

/** What the target already holds for one key: its owner and when it was last written. */
export interface ExistingRow {
  readonly owner: unknown;
  /** Epoch seconds of the row's `newer` column (updated_at); null when it has none. */
  readonly updatedAt: number | null;
}

function seconds(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

/**
 * The target rows already holding these keys, with their owner and update time: one indexed
 * lookup per batch that tells inserts from updates from rows to keep, and applies Agno's
 * ownership rule before writing, so every row is counted exactly (the upsert's own guards stay as
 * a safety net).
 */
export async function existingRows(
  conn: Connection,
  dialect: Dialect,
  spec: UpsertSpec,
  keys: readonly string[],
  maxParams: number,
): Promise<Map<string, ExistingRow>> {
  const found = new Map<string, ExistingRow>();
  const key = spec.conflict[0]!;
  const q = (n: string) => dialect.emitter.quoteIdent(n);
  const select = [key, spec.owner, spec.newer]
    .filter((c): c is string => c !== undefined)
    .map(q)
    .join(', ');
  const size = Math.max(1, Math.min(maxParams, 10_000));
  for (let start = 0; start < keys.length; start += size) {
    const slice = keys.slice(start, start + size);
    const marks = slice.map((_, i) => dialect.emitter.placeholder(i + 1)).join(', ');
    const result = await conn.query(`SELECT ${select} FROM ${spec.table} WHERE ${q(key)} IN (${marks})`, slice);
    for (const row of result.rows) {
      found.set(String(row[key]), {
        owner: spec.owner ? (row[spec.owner] ?? null) : null,
        updatedAt: spec.newer ? seconds(row[spec.newer]) : null,
      });
    }
  }
  return found;
}
