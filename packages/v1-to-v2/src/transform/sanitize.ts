/**
 * Characters PostgreSQL refuses in text and JSON (NUL), the other C0 controls except tab, newline
 * and carriage return, and the non-characters U+FFFE/U+FFFF — Agno's set — plus unpaired UTF-16
 * surrogates, which JSON.stringify writes as `\udXXX` escapes that jsonb rejects.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const UNSAFE = /[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const UNSAFE_ALL = new RegExp(UNSAFE.source, 'g');

/** Keys repeat across rows (role, content, metrics…): the ones known clean skip the test. */
const CLEAN_KEYS = new Set<string>();
const MAX_CLEAN_KEYS = 10_000;

export function sanitizeKey(key: string): string {
  if (CLEAN_KEYS.has(key)) return key;
  const clean = sanitizeString(key);
  if (clean === key && CLEAN_KEYS.size < MAX_CLEAN_KEYS) CLEAN_KEYS.add(key);
  return clean;
}

export function sanitizeString(text: string): string {
  // The test is cheap and almost always false: most strings are returned without a copy.
  return UNSAFE.test(text) ? text.replace(UNSAFE_ALL, '') : text;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date) && !Buffer.isBuffer(value);
}

/** Every string (keys included) with the unsafe characters removed, in place; other values unchanged. */
export function sanitizeDeep(value: unknown): unknown {
  if (typeof value === 'string') return sanitizeString(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = sanitizeDeep(value[i]);
    return value;
  }
  if (isPlainObject(value)) {
    for (const key of Object.keys(value)) {
      const clean = sanitizeKey(key);
      const item = sanitizeDeep(value[key]);
      if (clean !== key) delete value[key];
      value[clean] = item;
    }
  }
  return value;
}
