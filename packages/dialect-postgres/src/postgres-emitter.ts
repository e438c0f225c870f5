import type { Statement, TableState } from '@agno-migrate/core';
import { sql } from '@agno-migrate/core';

/** What the emitter needs of the dialect: quoting and qualification in its schema. */
export interface PostgresNames {
  quoteIdent(name: string): string;
  qualify(table: string): string;
  /** An index name qualified with the schema (index names are per schema in PostgreSQL). */
  qualifyIndexName(name: string): string;
}

/** Agno's 2.3.0 conversion, one ALTER per column as Agno runs it; each rewrites the table. */
export function jsonToJsonbSql(n: PostgresNames, table: string, columns: readonly string[]): Statement[] {
  return columns.map((c) => {
    const column = n.quoteIdent(c);
    return sql(`ALTER TABLE ${n.qualify(table)} ALTER COLUMN ${column} TYPE JSONB USING ${column}::jsonb`);
  });
}

/**
 * An INVALID index (left by a failed CREATE INDEX CONCURRENTLY) holds the name but serves no query;
 * it is dropped first so the new one can take its name.
 */
export function dropInvalidIndexSql(n: PostgresNames, state: TableState, name: string): Statement[] {
  const invalid = state.indexes.some((i) => i.name === name && !i.valid);
  return invalid ? [sql(`DROP INDEX ${n.qualifyIndexName(name)}`)] : [];
}

/**
 * Keeps one row per value (the one stored last, by ctid) and deletes the others. Shown to people,
 * never run by the tool: which duplicate to keep is the user's decision.
 */
export function duplicateFixSql(n: PostgresNames, table: string, column: string): string {
  const t = n.qualify(table);
  const c = n.quoteIdent(column);
  return (
    `-- review first: keeps the last stored row of each duplicated ${column}, deletes the others\n` +
    `DELETE FROM ${t} AS a USING ${t} AS b WHERE a.${c} = b.${c} AND a.ctid < b.ctid;`
  );
}
