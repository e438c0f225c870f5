import type {
  Flavor,
  ForeignKeySpec,
  LogicalType,
  Operation,
  OperationContext,
  PlannedOperation,
  Statement,
  StatementPlan,
  TableState,
  UpsertSpec,
  VersionRow,
} from '@agno-migrate/core/dialect';
import { BaseEmitter, sql } from '@agno-migrate/core/dialect';
import { planMysql } from './mysql-fusion.js';
import { MysqlRunsSql } from './mysql-runs.js';
import { mysqlColumnType, needsIndexPrefix, stateColumnType } from './mysql-types.js';
import { duplicateKeyUpsert } from './mysql-upsert.js';

/** The prefix Agno's 2.5.6 migration gives its index on the TEXT column run_status. */
const INDEX_PREFIX = 255;

/**
 * The SQL of the MySQL family, with no driver in sight. Each statement comes from one small
 * protected method, so a variant (SingleStore) overrides only the statements that differ. No
 * IF [NOT] EXISTS anywhere: MySQL 8 has none on columns and indexes, and core checks first.
 */
export class MysqlEmitter extends BaseEmitter {
  readonly flavor: Flavor = 'mysql';

  constructor(schema: string) {
    super(schema);
  }

  override quoteIdent(name: string): string {
    return `\`${name.replaceAll('`', '``')}\``;
  }

  /** A backslash escapes inside MySQL's strings (unless NO_BACKSLASH_ESCAPES, which Agno does not set). */
  override readonly backslashEscapes = true;

  /** MySQL escapes with backslashes too. */
  override stringLiteral(value: string): string {
    return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
  }

  /** MySQL's CAST knows CHAR, not TEXT. */
  override dateAsText(expression: string): string {
    return `CAST(${expression} AS CHAR)`;
  }

  columnType(type: LogicalType): string {
    return mysqlColumnType(type);
  }

  override columnDefinition(name: string, type: LogicalType, nullable: boolean): string {
    return `${this.quoteIdent(name)} ${mysqlColumnType(type, `column ${name}`)}${nullable ? '' : ' NOT NULL'}`;
  }

  /** utf8mb4 whatever the server's default: a latin1 database would reject much of what agents store. */
  override createNamespace(): Statement[] {
    if (this.namespace === undefined) return [];
    return [sql(`CREATE DATABASE IF NOT EXISTS ${this.quoteIdent(this.namespace)} CHARACTER SET utf8mb4`)];
  }

  /** DDL commits on its own: every statement is its own commit and core re-checks on a re-run. */
  override stepTransaction(): null {
    return null;
  }

  override batchTransaction(): { readonly begin: string; readonly commit: string; readonly rollback: string } {
    return { begin: 'START TRANSACTION', commit: 'COMMIT', rollback: 'ROLLBACK' };
  }

  override upsertRows(spec: UpsertSpec, rows: readonly (readonly unknown[])[]): Statement {
    return duplicateKeyUpsert(this, spec, rows);
  }

  /** No partial indexes in the MySQL family. */
  override partialUniqueIndex(): null {
    return null;
  }

  override runsSql(): MysqlRunsSql {
    return new MysqlRunsSql(this);
  }

  /** As Agno's MySQLDb writes it: ON DUPLICATE KEY UPDATE overwrites created_at too. */
  override upsertVersion(table: string, row: VersionRow, timestamp: string): Statement {
    const [t, v, c, u] = ['table_name', 'version', 'created_at', 'updated_at'].map((n) => this.quoteIdent(n));
    return sql(
      `INSERT INTO ${this.qualify(table)} (${t}, ${v}, ${c}, ${u}) VALUES (?, ?, ?, ?) ` +
        `ON DUPLICATE KEY UPDATE ${v} = ?, ${c} = ?, ${u} = ?`,
      [row.tableName, row.version, timestamp, timestamp, row.version, timestamp, timestamp],
    );
  }

  override renderOperation(op: Operation, state: TableState, ctx: OperationContext): Statement[] {
    const table = ctx.table;
    switch (op.kind) {
      case 'addColumn':
        return [this.addColumnSql(table, op.column.name, op.column.type, op.column.nullable, op.transitionalDefault)];
      case 'dropColumn':
        return [this.dropColumnSql(table, op.column)];
      case 'createIndex':
        if (op.where !== undefined) throw new Error(`${this.flavor} has no partial indexes (${op.name})`);
        return [this.createIndexSqlFor(table, op.name, op.columns, op.unique, state)];
      case 'dropIndex':
        return [this.dropIndexSql(table, op.name)];
      case 'addPrimaryKey':
        return [this.addPrimaryKeySql(table, op.columns)];
      case 'dropPrimaryKey':
        return [this.dropPrimaryKeySql(table)];
      case 'addUnique':
        return [this.addUniqueSql(table, op.name, op.columns, state)];
      case 'dropUnique':
        return [this.dropUniqueSql(table, op.name)];
      case 'setNotNull':
        return [this.setNotNullSql(table, op.column, state)];
      case 'jsonToJsonb':
        return [];
      default:
        return super.renderOperation(op, state, ctx);
    }
  }

  /** A table's consecutive changes in one ALTER (mysql-fusion.ts). */
  override renderPlan(ops: readonly PlannedOperation[], ctx: OperationContext): StatementPlan {
    return planMysql(this, ops, ctx);
  }

  /** An index operation as a clause of a combined ALTER TABLE; undefined for what has no such form. */
  indexClause({ op, state }: PlannedOperation): string | undefined {
    switch (op.kind) {
      case 'createIndex':
        if (op.where !== undefined) return undefined;
        return `ADD ${op.unique ? 'UNIQUE INDEX' : 'INDEX'} ${this.quoteIdent(op.name)} (${this.indexColumnList(op.columns, state)})`;
      case 'dropIndex':
      case 'dropUnique':
        return `DROP INDEX ${this.quoteIdent(op.name)}`;
      default:
        return undefined;
    }
  }

  protected addColumnSql(table: string, column: string, type: LogicalType, nullable: boolean, transitionalDefault?: string): Statement {
    return this.alterTable(table, `ADD COLUMN ${this.columnDefinition(column, type, nullable)}${this.defaultClause(transitionalDefault)}`);
  }

  protected dropColumnSql(table: string, column: string): Statement {
    return this.alterTable(table, `DROP COLUMN ${this.quoteIdent(column)}`);
  }

  protected createIndexSqlFor(table: string, name: string, columns: readonly string[], unique: boolean, state: TableState): Statement {
    const kind = unique ? 'UNIQUE INDEX' : 'INDEX';
    return sql(`CREATE ${kind} ${this.quoteIdent(name)} ON ${this.qualify(table)} (${this.indexColumnList(columns, state)})`);
  }

  /** Index names belong to their table on MySQL. */
  protected dropIndexSql(table: string, name: string): Statement {
    return sql(`DROP INDEX ${this.quoteIdent(name)} ON ${this.qualify(table)}`);
  }

  protected addPrimaryKeySql(table: string, columns: readonly string[]): Statement {
    return this.alterTable(table, `ADD PRIMARY KEY (${this.columnList(columns)})`);
  }

  protected dropPrimaryKeySql(table: string): Statement {
    return this.alterTable(table, 'DROP PRIMARY KEY');
  }

  /** As Agno's 2.5.0 down re-creates `<table>_uq_session_id`. */
  protected addUniqueSql(table: string, name: string, columns: readonly string[], state: TableState): Statement {
    return this.alterTable(table, `ADD UNIQUE INDEX ${this.quoteIdent(name)} (${this.indexColumnList(columns, state)})`);
  }

  /** A MySQL unique constraint is a unique index. */
  protected dropUniqueSql(table: string, name: string): Statement {
    return this.dropIndexSql(table, name);
  }

  /** MODIFY restates the whole column, so the type comes from the live state. */
  protected setNotNullSql(table: string, column: string, state: TableState): Statement {
    const current = state.columns.find((c) => c.name === column);
    if (!current) throw new Error(`cannot set ${column} NOT NULL: ${table} has no such column`);
    return this.alterTable(table, `MODIFY COLUMN ${this.quoteIdent(column)} ${stateColumnType(current)} NOT NULL`);
  }

  /** TEXT, BLOB and JSON columns can only be indexed on a prefix. */
  protected indexColumnList(columns: readonly string[], state: TableState): string {
    return columns
      .map((c) => {
        const column = state.columns.find((s) => s.name === c);
        return needsIndexPrefix(column) ? `${this.quoteIdent(c)}(${INDEX_PREFIX})` : this.quoteIdent(c);
      })
      .join(', ');
  }

  protected alterTable(table: string, action: string): Statement {
    return sql(`ALTER TABLE ${this.qualify(table)} ${action}`);
  }

  /**
   * MySQL has no row id: a multi-table DELETE keeps, per value, the row updated (or created) last.
   * Rows equal in both timestamps survive together, so the check query follows. MariaDB resolves
   * the aliases of a multi-table DELETE only with a default database, hence the USE.
   */
  override duplicateFixSql(table: string, column: string): string {
    const t = this.qualify(table);
    const c = this.quoteIdent(column);
    const stamp = (alias: string) => `COALESCE(${alias}.\`updated_at\`, ${alias}.\`created_at\`, 0)`;
    return [
      `-- keep, per ${column}, the row with the greatest updated_at (else created_at):`,
      ...(this.namespace === undefined ? [] : [`USE ${this.quoteIdent(this.namespace)};`]),
      `DELETE older FROM ${t} AS older JOIN ${t} AS newer ON newer.${c} = older.${c} AND ${stamp('newer')} > ${stamp('older')};`,
      `-- rows with the same ${column} and the same timestamps are not removed: review what this still lists, then re-run:`,
      `SELECT ${c}, COUNT(*) AS \`n\` FROM ${t} GROUP BY ${c} HAVING COUNT(*) > 1;`,
    ].join('\n');
  }
  /** MariaDB drops a foreign key only as FOREIGN KEY (MySQL 8 takes either): one statement replaces it. */
  override addForeignKey(table: string, key: ForeignKeySpec, replaces: string | undefined): Statement[] {
    const drop = replaces ? `DROP FOREIGN KEY ${this.quoteIdent(replaces)}, ` : '';
    const constraint = key.name ? `CONSTRAINT ${this.quoteIdent(key.name)} ` : '';
    const onDelete = key.onDelete ? ` ON DELETE ${key.onDelete}` : '';
    return [
      sql(
        `ALTER TABLE ${this.qualify(table)} ${drop}ADD ${constraint}FOREIGN KEY (${this.columnList(key.columns)}) REFERENCES ${this.qualify(key.refTable)} (${this.columnList(key.refColumns)})${onDelete}`,
      ),
    ];
  }
}
