import { isPlainObject } from './sanitize.js';

/**
 * A JSON column's value as a JS value, whatever the driver returned: PostgreSQL and mysql2 give
 * parsed values, SQLite (and some MariaDB setups) give text. A string holding a JSON object or
 * array — text columns, or JSON that was encoded twice — is parsed; plain text stays text.
 */
export function decodeJson(value: unknown): unknown {
  if (typeof value !== 'string') return Buffer.isBuffer(value) ? decodeJson(value.toString('utf8')) : value;
  const text = value.trim();
  const first = text[0];
  if (first === '{' || first === '[') {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return value;
    }
  }
  if (text === 'null') return null;
  if (first === '"') {
    try {
      const inner = JSON.parse(text) as unknown;
      return typeof inner === 'string' ? decodeJson(inner) : inner;
    } catch {
      return value;
    }
  }
  return value;
}

/** Python's truthiness, which Agno's script tests values with (`if thinking and …`). */
export function truthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (isPlainObject(value)) return Object.keys(value).length > 0;
  return true;
}
