/**
 * A JSON column's value as Agno's `_parse_json` sees it. PostgreSQL's driver hands over parsed
 * values and SQLite hands over text; either way a string is parsed (once more when it held JSON
 * encoded twice), an object is kept and anything else reads as nothing.
 */
export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The decoded value, or `undecodable` when the column holds text that is not JSON at all. */
export function decodeColumn(value: unknown): unknown {
  if (typeof value !== 'string') return Buffer.isBuffer(value) ? decodeColumn(value.toString('utf8')) : (value ?? null);
  let decoded: unknown;
  try {
    decoded = JSON.parse(value);
  } catch {
    return UNDECODABLE;
  }
  if (typeof decoded !== 'string') return decoded;
  try {
    return JSON.parse(decoded) as unknown;
  } catch {
    return decoded;
  }
}

export const UNDECODABLE: unique symbol = Symbol('undecodable');

/** An object, or null: what the re-key reads content and metadata as. */
export function asObject(value: unknown): JsonObject | null {
  const decoded = decodeColumn(value);
  return isJsonObject(decoded) ? decoded : null;
}
