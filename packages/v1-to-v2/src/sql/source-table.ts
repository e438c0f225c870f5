import type { Connection, Dialect, Row } from '@agno-migrate/core';

/** A v1 table to read: where it is, and the primary-key column its pages are ordered by. */
export interface SourceTable {
  /** Quoted and qualified. */
  readonly sql: string;
  /** For people and the progress table: `schema.table`, or `table` on SQLite. */
  readonly display: string;
  readonly key: string;
}

export function sourceTable(dialect: Dialect, schema: string | undefined, table: string, key: string): SourceTable {
  const quoted =
    schema === undefined ? dialect.emitter.quoteIdent(table) : `${dialect.emitter.quoteIdent(schema)}.${dialect.emitter.quoteIdent(table)}`;
  return { sql: quoted, display: schema === undefined ? table : `${schema}.${table}`, key };
}

/**
 * One page in primary-key order after `after` (keyset pagination: each page is an index range
 * scan, never OFFSET). Rows with a NULL key, which only SQLite allows, are counted apart.
 */
export async function readPage(
  conn: Connection,
  dialect: Dialect,
  source: SourceTable,
  after: string | null,
  limit: number,
): Promise<Row[]> {
  const key = dialect.emitter.quoteIdent(source.key);
  const where = after === null ? `${key} IS NOT NULL` : `${key} > ${dialect.emitter.placeholder(1)}`;
  const params = after === null ? [] : [after];
  const result = await conn.query(`SELECT * FROM ${source.sql} WHERE ${where} ORDER BY ${key} LIMIT ${Math.floor(limit)}`, params);
  // A copy of the list (not of the rows) the caller may empty as it goes.
  return [...result.rows];
}

export async function countRows(conn: Connection, dialect: Dialect, source: SourceTable): Promise<{ total: number; nullKeys: number }> {
  const key = dialect.emitter.quoteIdent(source.key);
  const n = dialect.emitter.quoteIdent('n');
  const nulls = dialect.emitter.quoteIdent('nulls');
  const result = await conn.query(
    `SELECT COUNT(*) AS ${n}, SUM(CASE WHEN ${key} IS NULL THEN 1 ELSE 0 END) AS ${nulls} FROM ${source.sql}`,
    [],
  );
  const row = result.rows[0] ?? {};
  return { total: Number(row['n'] ?? 0), nullKeys: Number(row['nulls'] ?? 0) };
}

/** mysql2 builds a Date of a DATETIME in local time: its local fields are the stored wall clock. */
export function wallClockToUtc(row: Row): Row {
  let out: Row | undefined;
  for (const [column, value] of Object.entries(row)) {
    if (!(value instanceof Date)) continue;
    out ??= { ...row };
    out[column] = new Date(
      Date.UTC(
        value.getFullYear(),
        value.getMonth(),
        value.getDate(),
        value.getHours(),
        value.getMinutes(),
        value.getSeconds(),
        value.getMilliseconds(),
      ),
    );
  }
  return out ?? row;
}
