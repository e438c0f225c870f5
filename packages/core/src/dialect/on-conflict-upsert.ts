import type { Statement } from '../sql/statement.js';
import { sql } from '../sql/statement.js';
import type { UpsertSpec } from './dialect.js';

interface Quoting {
  quoteIdent(name: string): string;
  placeholder(index: number): string;
}

/** `INSERT … ON CONFLICT (…) DO UPDATE … WHERE <owner rule> AND <newer rule>`, as PostgreSQL and SQLite write it. */
export function onConflictUpsert(dialect: Quoting, spec: UpsertSpec, rows: readonly (readonly unknown[])[]): Statement {
  const q = (name: string) => dialect.quoteIdent(name);
  const params: unknown[] = [];
  const values = rows.map(
    (row) =>
      `(${row
        .map((value) => {
          params.push(value);
          return dialect.placeholder(params.length);
        })
        .join(', ')})`,
  );
  const current = q('cur');
  const update = spec.update.map((c) => `${q(c)} = excluded.${q(c)}`).join(', ');
  const onConflict = update === '' ? 'DO NOTHING' : `DO UPDATE SET ${update}`;
  const rules: string[] = [];
  if (spec.owner) rules.push(`${current}.${q(spec.owner)} IS NULL OR ${current}.${q(spec.owner)} = excluded.${q(spec.owner)}`);
  if (spec.newer)
    rules.push(
      `excluded.${q(spec.newer)} IS NOT NULL AND (${current}.${q(spec.newer)} IS NULL OR ${current}.${q(spec.newer)} < excluded.${q(spec.newer)})`,
    );
  const guard = rules.length === 0 ? '' : ` WHERE ${rules.length === 1 ? rules[0] : rules.map((r) => `(${r})`).join(' AND ')}`;
  return sql(
    `INSERT INTO ${spec.table} AS ${current} (${spec.columns.map(q).join(', ')}) VALUES ${values.join(', ')} ` +
      `ON CONFLICT (${spec.conflict.map(q).join(', ')}) ${onConflict}${update === '' ? '' : guard}`,
    params,
  );
}
