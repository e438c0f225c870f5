/**
 * Client-side interpolation, as mysql2's `query()` does it, but aware of quoting: a `?` inside a
 * quoted identifier (a table named `a?b`) or a string literal is text, never a placeholder. Values
 * are escaped by the driver's own `escape`.
 */
export function interpolate(sql: string, params: readonly unknown[], escapeValueAsSql: (value: unknown) => string): string {
  let out = '';
  let next = 0;
  let quote: string | null = null;
  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i]!;
    if (quote !== null) {
      out += ch;
      if (ch === '\\' && quote !== '`' && i + 1 < sql.length) out += sql[++i];
      // A doubled quote closes and reopens, which leaves the state right.
      else if (ch === quote) quote = null;
      continue;
    }
    if (ch === '`' || ch === "'" || ch === '"') quote = ch;
    if (ch !== '?') {
      out += ch;
      continue;
    }
    if (next >= params.length) throw new Error(`the statement has more placeholders than its ${params.length} parameter(s)`);
    out += escapeValue(params[next++], escapeValueAsSql);
  }
  if (next !== params.length) throw new Error(`the statement has ${next} placeholder(s) for ${params.length} parameter(s)`);
  return out;
}

/** mysql2 would expand an object into `key = value` pairs and an array into a list: send JSON instead. */
function escapeValue(value: unknown, escapeValueAsSql: (value: unknown) => string): string {
  if (typeof value === 'bigint') return value.toString();
  if (value === undefined) return 'NULL';
  if (value !== null && typeof value === 'object' && !(value instanceof Date) && !Buffer.isBuffer(value)) {
    return escapeValueAsSql(JSON.stringify(value));
  }
  return escapeValueAsSql(value);
}
