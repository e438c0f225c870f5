import type { ColumnState, ConstraintState, Db, ForeignKeyState, IndexState, Row, Statement, TableState } from '@agno-migrate/core/dialect';
import { BaseIntrospector, query, sql } from '@agno-migrate/core/dialect';
import { normaliseDataType } from './mysql-types.js';

/**
 * Reads tables from information_schema, always scoped to the configured database (never
 * DATABASE(), which is whatever the connection happens to use). MySQL 8 returns these columns
 * with upper-case labels, so every one is aliased.
 */
export class MysqlIntrospector extends BaseIntrospector {
  constructor(protected readonly schema: string) {
    super();
  }

  /** Three round trips (four on MariaDB when a LONGTEXT column may be JSON); null when the table is missing. */
  *introspect(table: string): Db<TableState | null> {
    const columnsQuery = this.columnsQuery(table);
    const columns = yield* query(columnsQuery.sql, columnsQuery.params);
    if (columns.rows.length === 0) return null;
    const jsonChecked = columns.rows.some((r) => text(r['data_type']).toLowerCase() === 'longtext')
      ? yield* this.jsonCheckedColumns(table)
      : new Set<string>();
    const statsQuery = this.indexesQuery(table);
    const stats = yield* query(statsQuery.sql, statsQuery.params);
    const foreignKeys = yield* this.foreignKeys(table);
    return {
      name: table,
      columns: columns.rows.map((r) => this.column(r, jsonChecked)),
      ...this.keys(stats.rows),
      ...(foreignKeys ? { foreignKeys } : {}),
    };
  }

  /**
   * The table's foreign keys, one row per column in key order. REFERENTIAL_CONSTRAINTS carries the
   * ON DELETE rule (MariaDB reports a key declared without one as RESTRICT, MySQL 8 as NO ACTION:
   * InnoDB treats both alike). Undefined where the database has no foreign keys to read.
   */
  protected *foreignKeys(table: string): Db<ForeignKeyState[] | undefined> {
    const result = yield* query(
      'SELECT k.CONSTRAINT_NAME AS constraint_name, k.COLUMN_NAME AS column_name, ' +
        'k.REFERENCED_TABLE_NAME AS referenced_table, k.REFERENCED_COLUMN_NAME AS referenced_column, r.DELETE_RULE AS delete_rule ' +
        'FROM information_schema.KEY_COLUMN_USAGE k JOIN information_schema.REFERENTIAL_CONSTRAINTS r ' +
        'ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME AND r.TABLE_NAME = k.TABLE_NAME ' +
        'WHERE k.TABLE_SCHEMA = ? AND k.TABLE_NAME = ? AND k.REFERENCED_TABLE_NAME IS NOT NULL ' +
        'ORDER BY k.CONSTRAINT_NAME, k.ORDINAL_POSITION',
      [this.schema, table],
    );
    const byName = new Map<string, { columns: string[]; referencedTable: string; referencedColumns: string[]; onDelete: string }>();
    for (const row of result.rows) {
      const name = text(row['constraint_name']);
      const key = byName.get(name) ?? {
        columns: [],
        referencedTable: text(row['referenced_table']),
        referencedColumns: [],
        onDelete: text(row['delete_rule']).toUpperCase() || 'NO ACTION',
      };
      key.columns.push(text(row['column_name']));
      key.referencedColumns.push(text(row['referenced_column']));
      byName.set(name, key);
    }
    return [...byName].map(([name, key]) => ({ name, ...key }));
  }

  /** Whether the database holding the tables exists: a user without CREATE rights can still use it. */
  *namespaceExists(): Db<boolean> {
    const result = yield* query('SELECT SCHEMA_NAME AS name FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?', [this.schema]);
    return result.rows.length > 0;
  }

  /** Which of `tables` exist, in one query. */
  *existingTables(tables: readonly string[]): Db<Set<string>> {
    if (tables.length === 0) return new Set();
    const marks = tables.map(() => '?').join(', ');
    const result = yield* query(
      `SELECT TABLE_NAME AS table_name FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE' AND TABLE_NAME IN (${marks})`,
      [this.schema, ...tables],
    );
    return new Set(result.rows.map((r) => text(r['table_name'])));
  }

  protected columnsQuery(table: string): Statement {
    return sql(
      'SELECT COLUMN_NAME AS column_name, DATA_TYPE AS data_type, COLUMN_TYPE AS column_type, ' +
        'IS_NULLABLE AS is_nullable, COLUMN_DEFAULT AS column_default, CHARACTER_MAXIMUM_LENGTH AS max_length ' +
        'FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION',
      [this.schema, table],
    );
  }

  protected indexesQuery(table: string): Statement {
    return sql(
      'SELECT INDEX_NAME AS index_name, NON_UNIQUE AS non_unique, COLUMN_NAME AS column_name ' +
        'FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY INDEX_NAME, SEQ_IN_INDEX',
      [this.schema, table],
    );
  }

  /**
   * MariaDB names a column's automatic CHECK after the column. TABLE_CONSTRAINTS ties the name to
   * this table (MySQL 8's CHECK_CONSTRAINTS has no TABLE_NAME column); the clause says it is JSON.
   */
  protected *jsonCheckedColumns(table: string): Db<Set<string>> {
    const result = yield* query(
      'SELECT tc.CONSTRAINT_NAME AS constraint_name, cc.CHECK_CLAUSE AS check_clause ' +
        'FROM information_schema.TABLE_CONSTRAINTS tc JOIN information_schema.CHECK_CONSTRAINTS cc ' +
        'ON cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME ' +
        "WHERE tc.TABLE_SCHEMA = ? AND tc.TABLE_NAME = ? AND tc.CONSTRAINT_TYPE = 'CHECK'",
      [this.schema, table],
    );
    const columns = new Set<string>();
    for (const row of result.rows) {
      const name = text(row['constraint_name']);
      const clause = text(row['check_clause']).replace(/\s+/g, '');
      if (clause.toLowerCase() === `json_valid(\`${name.replaceAll('`', '``')}\`)`.toLowerCase()) columns.add(name);
    }
    return columns;
  }

  protected column(row: Row, jsonChecked: ReadonlySet<string>): ColumnState {
    const name = text(row['column_name']);
    const dataType = normaliseDataType({
      dataType: text(row['data_type']),
      columnType: text(row['column_type']),
      jsonChecked: jsonChecked.has(name),
    });
    const rawDefault = row['column_default'];
    return {
      name,
      dataType,
      // TEXT's 65535 is a storage limit, not a declared length: only character types report one.
      length: dataType === 'varchar' || dataType === 'char' ? Number(row['max_length']) : null,
      nullable: text(row['is_nullable']).toUpperCase() === 'YES',
      // MariaDB reports "no default" as the text NULL (a NULL literal default is the same thing).
      defaultValue: rawDefault == null || text(rawDefault) === 'NULL' ? null : text(rawDefault),
    };
  }

  /** MySQL has no unique constraint apart from a unique index: each unique index is reported as both. */
  protected keys(rows: readonly Row[]): Pick<TableState, 'indexes' | 'primaryKey' | 'uniqueConstraints'> {
    const byName = new Map<string, { unique: boolean; columns: string[] }>();
    for (const row of rows) {
      const name = text(row['index_name']);
      const entry = byName.get(name) ?? { unique: Number(row['non_unique']) === 0, columns: [] };
      // A functional index part (MySQL 8) has no column name.
      if (row['column_name'] != null) entry.columns.push(text(row['column_name']));
      byName.set(name, entry);
    }
    const indexes: IndexState[] = [];
    const uniqueConstraints: ConstraintState[] = [];
    let primaryKey: ConstraintState | null = null;
    for (const [name, entry] of byName) {
      if (name === 'PRIMARY') {
        primaryKey = { name, columns: entry.columns };
        continue;
      }
      indexes.push({ name, columns: entry.columns, unique: entry.unique, valid: true });
      if (entry.unique) uniqueConstraints.push({ name, columns: entry.columns });
    }
    return { indexes, primaryKey, uniqueConstraints };
  }
}

/** information_schema text can arrive as a Buffer when the server reports a binary collation. */
function text(value: unknown): string {
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  return value == null ? '' : String(value);
}
