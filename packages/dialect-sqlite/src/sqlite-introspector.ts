import type { ConstraintState, Db, IndexState, TableState, TypeRules } from '@agno-migrate/core/dialect';
import { BaseIntrospector, query } from '@agno-migrate/core/dialect';
import { parseDeclaredType } from './sqlite-types.js';

/** Three queries through the table-valued pragmas: columns, every index with its columns, foreign keys. */
export function* introspectSqlite(table: string): Db<TableState | null> {
  const columns = yield* query('SELECT name, type, "notnull" AS not_null, dflt_value, pk FROM pragma_table_info(?) ORDER BY cid', [table]);
  if (columns.rows.length === 0) return null;
  const indexRows = yield* query(
    'SELECT il.name AS index_name, il."unique" AS is_unique, il.origin AS origin, il.partial AS partial, ii.name AS column_name, ' +
      "(SELECT m.sql FROM sqlite_master AS m WHERE m.type = 'index' AND m.name = il.name) AS index_sql " +
      'FROM pragma_index_list(?) AS il JOIN pragma_index_info(il.name) AS ii ORDER BY il.seq, ii.seqno',
    [table],
  );

  const byIndex = new Map<string, { unique: boolean; origin: string; columns: string[]; where?: string }>();
  for (const row of indexRows.rows) {
    const name = String(row['index_name']);
    const where = Number(row['partial']) === 1 ? partialPredicate(row['index_sql']) : undefined;
    const entry = byIndex.get(name) ?? {
      unique: Number(row['is_unique']) === 1,
      origin: String(row['origin']),
      columns: [],
      ...(where ? { where } : {}),
    };
    entry.columns.push(String(row['column_name']));
    byIndex.set(name, entry);
  }
  const indexes: IndexState[] = [];
  const uniqueConstraints: ConstraintState[] = [];
  for (const [name, entry] of byIndex) {
    if (entry.origin === 'c') {
      indexes.push({ name, columns: entry.columns, unique: entry.unique, valid: true, ...(entry.where ? { where: entry.where } : {}) });
    }
    // A table-level UNIQUE constraint has no name SQLite can report; a named unique index stands in for one.
    if (entry.origin === 'u') uniqueConstraints.push({ name: null, columns: entry.columns });
    if (entry.origin === 'c' && entry.unique) uniqueConstraints.push({ name, columns: entry.columns });
  }

  const fkRows = yield* query(
    'SELECT id, "table" AS ref_table, "from" AS from_column, "to" AS to_column, on_delete FROM pragma_foreign_key_list(?) ORDER BY id, seq',
    [table],
  );
  const foreignKeys = new Map<
    number,
    { name: null; columns: string[]; referencedTable: string; referencedColumns: string[]; onDelete: string }
  >();
  for (const row of fkRows.rows) {
    const id = Number(row['id']);
    const entry = foreignKeys.get(id) ?? {
      name: null,
      columns: [],
      referencedTable: String(row['ref_table']),
      referencedColumns: [],
      onDelete: String(row['on_delete'] ?? 'NO ACTION').toUpperCase(),
    };
    entry.columns.push(String(row['from_column']));
    // A reference to the parent's primary key may leave the column out.
    if (row['to_column'] != null) entry.referencedColumns.push(String(row['to_column']));
    foreignKeys.set(id, entry);
  }

  const pk = columns.rows
    .filter((r) => Number(r['pk']) > 0)
    .sort((a, b) => Number(a['pk']) - Number(b['pk']))
    .map((r) => String(r['name']));
  return {
    name: table,
    columns: columns.rows.map((r) => ({
      name: String(r['name']),
      ...parseDeclaredType(String(r['type'] ?? '')),
      // A non-INTEGER PRIMARY KEY column may hold NULL in SQLite unless declared NOT NULL, so notnull is the truth.
      nullable: Number(r['not_null']) === 0,
      defaultValue: r['dflt_value'] == null ? null : String(r['dflt_value']),
    })),
    indexes,
    primaryKey: pk.length > 0 ? { name: null, columns: pk } : null,
    uniqueConstraints,
    indexPredicates: true,
    foreignKeys: [...foreignKeys.values()],
  };
}

/** SQLite keeps only the CREATE INDEX text: the predicate is what follows the column list's `) WHERE`. */
function partialPredicate(sql: unknown): string | undefined {
  const match = /\)\s*WHERE\b([\s\S]*)$/i.exec(String(sql ?? ''));
  return match?.[1]?.trim() || undefined;
}

export class SqliteIntrospector extends BaseIntrospector {
  /** SQLite ignores declared lengths, and Agno declares long text as VARCHAR there: VARCHAR and TEXT store the same. */
  protected override readonly typeRules: TypeRules = {
    unboundedStrings: true,
    ignoresLengths: true,
    unsizedStringsHaveNoLength: false,
    jsonType: 'json',
  };

  introspect(table: string): Db<TableState | null> {
    return introspectSqlite(table);
  }

  *existingTables(tables: readonly string[]): Db<Set<string>> {
    if (tables.length === 0) return new Set();
    const marks = tables.map(() => '?').join(', ');
    const result = yield* query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name IN (${marks})`, tables);
    return new Set(result.rows.map((r) => String(r['name'])));
  }
}
