import type { Statement, UpsertSpec } from '@agno-migrate/core/dialect';
import { sql } from '@agno-migrate/core/dialect';

/**
 * `INSERT … ON DUPLICATE KEY UPDATE`, the MySQL family's upsert. It has no WHERE, so the owner
 * and newer rules guard each assignment. MySQL evaluates the assignments left to right and each
 * guard must see the row's original values: the owner is assigned next to last (once assigned it
 * equals the new owner, which its rule accepted anyway) and the newer column last.
 */
export function duplicateKeyUpsert(
  dialect: { quoteIdent(name: string): string },
  spec: UpsertSpec,
  rows: readonly (readonly unknown[])[],
): Statement {
  const q = (name: string) => dialect.quoteIdent(name);
  const params: unknown[] = [];
  const values = rows.map(
    (row) =>
      `(${row
        .map((value) => {
          params.push(value);
          return '?';
        })
        .join(', ')})`,
  );
  const { owner, newer } = spec;
  const rules: string[] = [];
  if (owner) rules.push(`(${q(owner)} IS NULL OR ${q(owner)} <=> VALUES(${q(owner)}))`);
  if (newer) rules.push(`(VALUES(${q(newer)}) IS NOT NULL AND (${q(newer)} IS NULL OR ${q(newer)} < VALUES(${q(newer)})))`);
  const guard = rules.length === 0 ? undefined : rules.join(' AND ');
  const last = [owner, newer].filter((c): c is string => c !== undefined && spec.update.includes(c));
  const ordered = [...spec.update.filter((c) => !last.includes(c)), ...last];
  const assign = (c: string) => (guard ? `${q(c)} = IF(${guard}, VALUES(${q(c)}), ${q(c)})` : `${q(c)} = VALUES(${q(c)})`);
  // With nothing to update, re-assigning the key keeps the statement valid and the row unchanged.
  const updates = ordered.length === 0 ? `${q(spec.conflict[0]!)} = ${q(spec.conflict[0]!)}` : ordered.map(assign).join(', ');
  return sql(
    `INSERT INTO ${spec.table} (${spec.columns.map(q).join(', ')}) VALUES ${values.join(', ')} ON DUPLICATE KEY UPDATE ${updates}`,
    params,
  );
}
