import type { Dialect, Statement, UpsertSpec } from '@agno-migrate/core';
import { sql } from '@agno-migrate/core';

/**
 * A multi-row INSERT, for a target that held none of the copy's keys when it started: nothing can
 * conflict, and skipping the upsert's conflict handling makes it as fast as a plain copy. A row
 * someone else inserts meanwhile fails the batch with a clear error; the re-run then upserts.
 */
export function plainInsert(dialect: Dialect, spec: UpsertSpec, rows: readonly (readonly unknown[])[]): Statement {
  const params: unknown[] = [];
  const values = rows.map(
    (row) =>
      `(${row
        .map((value) => {
          params.push(value);
          return dialect.emitter.placeholder(params.length);
        })
        .join(', ')})`,
  );
  return sql(
    `INSERT INTO ${spec.table} (${spec.columns.map((c) => dialect.emitter.quoteIdent(c)).join(', ')}) VALUES ${values.join(', ')}`,
    params,
  );
}
