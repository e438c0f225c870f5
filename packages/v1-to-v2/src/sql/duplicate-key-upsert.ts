import type { Dialect, Statement } from '@agno-migrate/core';
import { sql } from '@agno-migrate/core';
import type { UpsertSpec } from './family.js';

/**
 * `INSERT … ON DUPLICATE KEY UPDATE`, the MySQL family's upsert. It has no WHERE, so the owner
 * rule guards each assignment; the owner column is assigned last because MySQL evaluates the
 * assignments left to right, and the guards must see the row's original owner.
 */
export function duplicateKeyUpsert(dialect: Dialect, spec: UpsertSpec, rows: readonly (readonly unknown[])[]): Statement {
  const q = (name: string) => dialect.quoteIdent(name);
  const params: unknown[] = [];
  const values = rows.map((row) => `(${row.map((value) => (params.push(value), '?')).join(', ')})`);
  const owner = spec.owner;
  const guard = owner ? `(${q(owner)} IS NULL OR ${q(owner)} <=> VALUES(${q(owner)}))` : undefined;
  const ordered = owner ? [...spec.update.filter((c) => c !== owner), ...(spec.update.includes(owner) ? [owner] : [])] : spec.update;
  const assign = (c: string) => (guard ? `${q(c)} = IF(${guard}, VALUES(${q(c)}), ${q(c)})` : `${q(c)} = VALUES(${q(c)})`);
  // With nothing to update, re-assigning the key keeps the statement valid and the row unchanged.
  const updates = ordered.length === 0 ? `${q(spec.conflict[0]!)} = ${q(spec.conflict[0]!)}` : ordered.map(assign).join(', ');
  return sql(
    `INSERT INTO ${spec.table} (${spec.columns.map(q).join(', ')}) VALUES ${values.join(', ')} ON DUPLICATE KEY UPDATE ${updates}`,
    params,
  );
}
