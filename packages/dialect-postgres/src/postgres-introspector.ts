import type { ColumnState, ConstraintState, Db, IndexState, TableState, TypeRules } from '@agno-migrate/core/dialect';
import { BaseIntrospector, query } from '@agno-migrate/core/dialect';
import { normalizeDataType } from './postgres-types.js';

/** The names of `attnums` on relation `rel`, in key order (expression parts have no name and drop out). */
const keyColumns = (attnums: string, rel: string) =>
  `(SELECT json_agg(a.attname ORDER BY k.ord) FROM unnest(${attnums}) WITH ORDINALITY AS k(attnum, ord) ` +
  `JOIN pg_attribute a ON a.attrelid = ${rel} AND a.attnum = k.attnum)`;

/**
 * One round trip for the whole table, scoped to the schema by name (never search_path). Columns
 * come from information_schema as Agno reads them; indexes and keys from pg_catalog, which knows
 * constraint names and whether an index is valid. Indexes backing the primary key or a UNIQUE
 * constraint are reported as those constraints, not as secondary indexes.
 */
export const INTROSPECT_SQL =
  'SELECT ' +
  '(SELECT json_agg(json_build_object(' +
  "'name', c.column_name, 'type', c.data_type, 'udt', c.udt_name, 'length', c.character_maximum_length, " +
  "'nullable', c.is_nullable, 'default', c.column_default) ORDER BY c.ordinal_position) " +
  'FROM information_schema.columns c WHERE c.table_schema = n.nspname AND c.table_name = t.relname) AS columns, ' +
  '(SELECT json_agg(json_build_object(' +
  "'name', ic.relname, 'unique', i.indisunique, 'valid', i.indisvalid, 'where', pg_get_expr(i.indpred, i.indrelid), 'columns', " +
  keyColumns('i.indkey::int2[]', 'i.indrelid') +
  ') ORDER BY ic.relname) ' +
  'FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid WHERE i.indrelid = t.oid AND NOT EXISTS ' +
  "(SELECT 1 FROM pg_constraint x WHERE x.conindid = i.indexrelid AND x.conrelid = t.oid AND x.contype IN ('p', 'u'))) AS indexes, " +
  '(SELECT json_agg(json_build_object(' +
  "'name', con.conname, 'type', con.contype, 'columns', " +
  keyColumns('con.conkey', 'con.conrelid') +
  ') ORDER BY con.conname) ' +
  "FROM pg_constraint con WHERE con.conrelid = t.oid AND con.contype IN ('p', 'u')) AS constraints, " +
  '(SELECT json_agg(json_build_object(' +
  "'name', fk.conname, 'columns', " +
  keyColumns('fk.conkey', 'fk.conrelid') +
  ", 'refTable', rt.relname, 'refColumns', " +
  keyColumns('fk.confkey', 'fk.confrelid') +
  ", 'onDelete', fk.confdeltype) ORDER BY fk.conname) " +
  "FROM pg_constraint fk JOIN pg_class rt ON rt.oid = fk.confrelid WHERE fk.conrelid = t.oid AND fk.contype = 'f') AS foreign_keys, " +
  // Triggers someone created (not the internal ones behind foreign keys): an UPDATE fires them, a rewrite does not.
  'EXISTS (SELECT 1 FROM pg_trigger tg WHERE tg.tgrelid = t.oid AND NOT tg.tgisinternal) AS user_triggers ' +
  'FROM pg_class t JOIN pg_namespace n ON n.oid = t.relnamespace ' +
  "WHERE n.nspname = $1 AND t.relname = $2 AND t.relkind IN ('r', 'p')";

interface RawColumn {
  name: string;
  type: string;
  udt: string | null;
  length: number | null;
  nullable: string;
  default: string | null;
}
interface RawIndex {
  name: string;
  unique: boolean;
  valid: boolean;
  where?: string | null;
  columns: string[] | null;
}
interface RawForeignKey {
  name: string;
  columns: string[] | null;
  refTable: string;
  refColumns: string[] | null;
  onDelete: string;
}
/** pg_constraint.confdeltype → the SQL action. */
const ON_DELETE: Readonly<Record<string, string>> = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' };
interface RawConstraint {
  name: string;
  type: 'p' | 'u';
  columns: string[] | null;
}

export function* introspectPostgres(schema: string, table: string): Db<TableState | null> {
  const result = yield* query(INTROSPECT_SQL, [schema, table]);
  const row = result.rows[0];
  if (!row) return null;
  return toTableState(table, row);
}

/** Exported for unit tests: the catalog rows → core's normalised TableState. */
export function toTableState(table: string, row: Record<string, unknown>): TableState {
  const columns = (parseJson<RawColumn[]>(row['columns']) ?? []).map(
    (c): ColumnState => ({
      name: c.name,
      dataType: normalizeDataType(c.type, c.udt),
      length: c.length ?? null,
      nullable: c.nullable === 'YES',
      defaultValue: c.default ?? null,
    }),
  );
  const rawIndexes = parseJson<RawIndex[]>(row['indexes']) ?? [];
  const indexes = rawIndexes.map(
    (i): IndexState => ({
      name: i.name,
      columns: i.columns ?? [],
      unique: i.unique,
      valid: i.valid,
      ...(i.where ? { where: i.where } : {}),
    }),
  );
  const constraints = parseJson<RawConstraint[]>(row['constraints']) ?? [];
  const toConstraint = (c: RawConstraint): ConstraintState => ({ name: c.name, columns: c.columns ?? [] });
  const pk = constraints.find((c) => c.type === 'p');
  return {
    name: table,
    columns,
    indexes,
    primaryKey: pk ? toConstraint(pk) : null,
    uniqueConstraints: constraints.filter((c) => c.type === 'u').map(toConstraint),
    ...(rawIndexes.some((i) => 'where' in i) ? { indexPredicates: true } : {}),
    ...('user_triggers' in row ? { userTriggers: row['user_triggers'] === true } : {}),
    ...('foreign_keys' in row
      ? {
          foreignKeys: (parseJson<RawForeignKey[]>(row['foreign_keys']) ?? []).map((f) => ({
            name: f.name,
            columns: f.columns ?? [],
            referencedTable: f.refTable,
            referencedColumns: f.refColumns ?? [],
            onDelete: ON_DELETE[f.onDelete] ?? 'NO ACTION',
          })),
        }
      : {}),
  };
}

/** pg parses json columns itself; a client configured otherwise hands back the text. */
function parseJson<T>(value: unknown): T | null {
  if (value === null || value === undefined) return null;
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

export class PostgresIntrospector extends BaseIntrospector {
  /**
   * Agno retyped five PostgreSQL columns from VARCHAR to TEXT without a migration: an unbounded
   * VARCHAR and TEXT store the same, but a VARCHAR the catalog declares unsized must be unsized.
   */
  protected override readonly typeRules: TypeRules = {
    unboundedStrings: true,
    ignoresLengths: false,
    unsizedStringsHaveNoLength: true,
    jsonType: 'jsonb',
  };

  constructor(private readonly schema: string) {
    super();
  }

  introspect(table: string): Db<TableState | null> {
    return introspectPostgres(this.schema, table);
  }

  *existingTables(tables: readonly string[]): Db<Set<string>> {
    if (tables.length === 0) return new Set();
    const marks = tables.map((_, i) => `$${i + 2}`).join(', ');
    const result = yield* query(
      'SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace ' +
        `WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND c.relname IN (${marks})`,
      [this.schema, ...tables],
    );
    return new Set(result.rows.map((r) => String(r['name'])));
  }

  /** A deploy user without CREATE on the database can still use a schema that exists. */
  *namespaceExists(): Db<boolean> {
    const result = yield* query('SELECT 1 AS found FROM pg_namespace WHERE nspname = $1', [this.schema]);
    return result.rows.length > 0;
  }
}
