import type { Dialect, Statement } from '@agno-migrate/core';
import { sql } from '@agno-migrate/core';
import type { UpsertSpec } from './family.js';

/** `INSERT … ON CONFLICT (…) DO UPDATE … WHERE <owner rule>`, as PostgreSQL and SQLite write it. */
export function onConflictUpsert(dialect: Dialect, spec: UpsertSpec, rows: readonly (readonly unknown[])[]): Statement {
  const q = (name: string) => dialect.quoteIdent(name);
  const params: unknown[] = [];
  const values = rows.map((row) => `(${row.map((value) => (params.push(value), dialect.placeholder(params.length))).join(', ')})`);
  const current = q('cur');
  const update = spec.update.map((c) => `${q(c)} = excluded.${q(c)}`).join(', ');
  const onConflict = update === '' ? 'DO NOTHING' : `DO UPDATE SET ${update}`;
  const guard = spec.owner
    ? ` WHERE ${current}.${q(spec.owner)} IS NULL OR ${current}.${q(spec.owner)} = excluded.${q(spec.owner)}`
    : '';
  return sql(
    `INSERT INTO ${spec.table} AS ${current} (${spec.columns.map(q).join(', ')}) VALUES ${values.join(', ')} ` +
      `ON CONFLICT (${spec.conflict.map(q).join(', ')}) ${onConflict}${update === '' ? '' : guard}`,
    params,
  );
}
