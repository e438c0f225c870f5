import type { RunResult } from '@agno-migrate/core';

/** Which string-literal rules apply: MySQL also treats a backslash as an escape by default. */
export type SqlFlavor = 'postgres' | 'sqlite' | 'mysql' | 'singlestore';

/** A value as an SQL literal of the flavour, so the printed statement runs as it is. */
export function sqlLiteral(value: unknown, flavor: SqlFlavor): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'NULL';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'boolean') return flavor === 'sqlite' ? (value ? '1' : '0') : value ? 'TRUE' : 'FALSE';
  if (Buffer.isBuffer(value)) return flavor === 'postgres' ? `'\\x${value.toString('hex')}'::bytea` : `X'${value.toString('hex')}'`;
  const text = typeof value === 'string' ? value : value instanceof Date ? value.toISOString() : JSON.stringify(value);
  const escaped =
    flavor === 'mysql' || flavor === 'singlestore' ? text.replace(/\\/g, '\\\\').replace(/'/g, "''") : text.replace(/'/g, "''");
  return `'${escaped}'`;
}

/**
 * `sql` with its placeholders (`$1` on PostgreSQL, `?` elsewhere) replaced by the literals of
 * `params`, leaving quoted strings, quoted identifiers and comments alone.
 */
export function inlineParams(sql: string, params: readonly unknown[], flavor: SqlFlavor): string {
  if (params.length === 0) return sql;
  let out = '';
  let next = 0;
  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i]!;
    if (ch === "'" || ch === '"' || ch === '`') {
      const end = closingQuote(sql, i, ch, flavor);
      out += sql.slice(i, end + 1);
      i = end;
    } else if (ch === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      const stop = end === -1 ? sql.length - 1 : end;
      out += sql.slice(i, stop + 1);
      i = stop;
    } else if (flavor === 'postgres' && ch === '$' && /\d/.test(sql[i + 1] ?? '')) {
      const digits = /^\d+/.exec(sql.slice(i + 1))![0];
      const index = Number(digits) - 1;
      out += index < params.length ? sqlLiteral(params[index], flavor) : `$${digits}`;
      i += digits.length;
    } else if (flavor !== 'postgres' && ch === '?' && next < params.length) {
      out += sqlLiteral(params[next++], flavor);
    } else out += ch;
  }
  return out;
}

function closingQuote(sql: string, start: number, quote: string, flavor: SqlFlavor): number {
  for (let i = start + 1; i < sql.length; i++) {
    if (quote === "'" && (flavor === 'mysql' || flavor === 'singlestore') && sql[i] === '\\') {
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

/** The SQL a dry run would execute, table by table and step by step, ready to paste into psql, mysql or sqlite3. */
export function formatDryRunSql(result: RunResult, flavor: SqlFlavor): string {
  const out: string[] = [];
  for (const t of result.tables) {
    if (t.steps.length === 0) continue;
    out.push(`-- ${t.tableName} (${t.tableType}): ${t.from} → ${t.to}`);
    for (const step of t.steps) {
      out.push(`-- step ${step.from} → ${step.to}`);
      for (const op of step.operations) {
        if (!op.needed) {
          out.push(`--   ${op.description}: already done`);
          continue;
        }
        if (op.carriedBy !== undefined) {
          const carrier = step.operations[op.carriedBy]?.description ?? 'another operation';
          out.push(`--   ${op.description}: in the statement of ${carrier}`);
          continue;
        }
        for (const s of op.statements) out.push(`${inlineParams(s.sql, s.params, flavor).replace(/;\s*$/, '')};`);
      }
    }
    out.push('');
  }
  return out.length === 0 ? '-- nothing to do' : out.join('\n').trimEnd();
}
