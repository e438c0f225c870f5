/** How a dialect spells placeholders and string literals, for writing parameters into SQL text. */
export interface InlineRules {
  /** `$1, $2, …` (PostgreSQL) or `?` in order (the others). */
  readonly placeholders: 'numbered' | 'question';
  /** A backslash escapes the next character inside a quoted string (MySQL's default mode). */
  readonly backslashEscapes: boolean;
  /** The value as a literal of the database, quoted and escaped. */
  literal(value: unknown): string;
}

/**
 * `sql` with its placeholders replaced by the literals of `params`, leaving quoted strings,
 * quoted identifiers and `--` comments alone, so a printed statement pastes into psql, mysql or
 * sqlite3 and runs as the driver would have run it.
 */
export function inlineParams(sql: string, params: readonly unknown[], rules: InlineRules): string {
  if (params.length === 0) return sql;
  let out = '';
  let next = 0;
  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i]!;
    if (ch === "'" || ch === '"' || ch === '`') {
      const end = closingQuote(sql, i, ch, rules.backslashEscapes);
      out += sql.slice(i, end + 1);
      i = end;
    } else if (ch === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      const stop = end === -1 ? sql.length - 1 : end;
      out += sql.slice(i, stop + 1);
      i = stop;
    } else if (rules.placeholders === 'numbered' && ch === '$' && /\d/.test(sql[i + 1] ?? '')) {
      const digits = /^\d+/.exec(sql.slice(i + 1))![0];
      const index = Number(digits) - 1;
      out += index < params.length ? rules.literal(params[index]) : `$${digits}`;
      i += digits.length;
    } else if (rules.placeholders === 'question' && ch === '?' && next < params.length) {
      out += rules.literal(params[next++]);
    } else out += ch;
  }
  return out;
}

function closingQuote(sql: string, start: number, quote: string, backslashEscapes: boolean): number {
  for (let i = start + 1; i < sql.length; i++) {
    if (quote === "'" && backslashEscapes && sql[i] === '\\') {
      i++;
      continue;
    }
    if (sql[i] === quote) {
      if (sql[i + 1] === quote) i++;
      else return i;
    }
  }
  return sql.length - 1;
}

/**
 * A value as the standard SQL literal: NULL, numbers as they are, booleans as TRUE/FALSE, bytes as
 * a hex string, dates in ISO form, objects as their JSON text; text through `quote`.
 */
export function standardLiteral(value: unknown, quote: (text: string) => string): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'NULL';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (Buffer.isBuffer(value)) return `X'${value.toString('hex')}'`;
  return quote(typeof value === 'string' ? value : value instanceof Date ? value.toISOString() : JSON.stringify(value));
}
