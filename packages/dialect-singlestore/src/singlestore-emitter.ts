import type {
  Flavor,
  Operation,
  OperationContext,
  PlannedOperation,
  Statement,
  StatementPlan,
  TableDef,
  VersionRow,
} from '@agno-migrate/core/dialect';
import { renderEachOperation, specOf, sql } from '@agno-migrate/core/dialect';
import { MysqlEmitter, stateColumnType } from '@agno-migrate/dialect-mysql';
import { withoutForeignKeys, withShardKey } from './singlestore-create-table.js';
import { rebuildTable, shardKeyFor, withoutKeysImpliedBy } from './singlestore-rebuild.js';
import type { RebuildSql } from './singlestore-rebuild.js';
import { SinglestoreRunsSql } from './singlestore-runs.js';
import type { SinglestoreTableState } from './singlestore-state.js';

/**
 * The MySQL family's SQL, except where SingleStore differs: shard keys in CREATE TABLE, keys and
 * nullability changed by rebuild-and-swap, indexes without IF EXISTS, and the versions upsert
 * Agno's SingleStoreDb writes.
 */
export class SinglestoreEmitter extends MysqlEmitter implements RebuildSql {
  override readonly flavor: Flavor = 'singlestore';

  override createTable(def: TableDef, table: string, referencedTables: Readonly<Record<string, string>>): Statement[] {
    const statements = super.createTable(withoutForeignKeys(def), table, referencedTables);
    return withShardKey(statements, def, `SHARD KEY (${this.columnList(def.shardKey ?? [])})`);
  }

  /**
   * One operation at a time, as the base plans: SingleStore's documentation does not say that one
   * ALTER TABLE may combine these changes, and several of them rebuild the table here anyway.
   */
  override renderPlan(ops: readonly PlannedOperation[], ctx: OperationContext): StatementPlan {
    return renderEachOperation(this, ops, ctx);
  }

  override runsSql(): SinglestoreRunsSql {
    return new SinglestoreRunsSql(this);
  }

  /** CREATE DATABASE takes no character set on SingleStore (utf8mb4 is its default). */
  override createNamespace(): Statement[] {
    return [sql(`CREATE DATABASE IF NOT EXISTS ${this.quoteIdent(this.namespace!)}`)];
  }

  /** As Agno's SingleStoreDb writes it: created_at keeps its first value. */
  override upsertVersion(table: string, row: VersionRow, timestamp: string): Statement {
    const [t, v, c, u] = ['table_name', 'version', 'created_at', 'updated_at'].map((n) => this.quoteIdent(n));
    return sql(
      `INSERT INTO ${this.qualify(table)} (${t}, ${v}, ${c}, ${u}) VALUES (?, ?, ?, ?) ON DUPLICATE KEY UPDATE ${v} = ?, ${u} = ?`,
      [row.tableName, row.version, timestamp, timestamp, row.version, timestamp],
    );
  }

  /**
   * Keys and nullability are fixed once a SingleStore table exists (no ADD/DROP PRIMARY KEY, no
   * unique index added to a columnstore, no MODIFY … NOT NULL on one): those operations rebuild the
   * table. Columns and plain indexes change in place.
   */
  override renderOperation(op: Operation, state: SinglestoreTableState, ctx: OperationContext): Statement[] {
    switch (op.kind) {
      case 'addPrimaryKey': {
        const target = withoutKeysImpliedBy(specOf(op).apply(op, state) as SinglestoreTableState, op.columns);
        return rebuildTable(this, ctx.table, { ...target, shardKey: shardKeyFor(state, op.columns) });
      }
      case 'dropPrimaryKey':
      case 'addUnique':
      case 'dropUnique':
      case 'setNotNull':
        return rebuildTable(this, ctx.table, specOf(op).apply(op, state) as SinglestoreTableState);
      case 'createIndex':
        if (op.unique) return rebuildTable(this, ctx.table, specOf(op).apply(op, state) as SinglestoreTableState);
        return [this.plainIndex(ctx.table, op.name, op.columns, state)];
      case 'dropDefault':
        return [this.modifyWithoutDefaultSql(ctx.table, op.column, state)];
      case 'dropIndex':
        if (state.indexes.some((i) => i.name === op.name && i.unique)) {
          return rebuildTable(this, ctx.table, specOf(op).apply(op, state) as SinglestoreTableState);
        }
        return super.renderOperation(op, state, ctx);
      default:
        return super.renderOperation(op, state, ctx);
    }
  }

  /** Index columns, with the prefix length a TEXT column needs (for rebuilds). */
  indexColumns(columns: readonly string[], state: SinglestoreTableState): string {
    return this.indexColumnList(columns, state);
  }

  /**
   * CREATE INDEX, as Agno creates its indexes; its SingleStore grammar takes no prefix length, so
   * an index on a TEXT column (Agno's 2.5.6 `run_status(255)`) uses ALTER TABLE … ADD INDEX, whose
   * grammar does.
   */
  plainIndex(table: string, name: string, columns: readonly string[], state: SinglestoreTableState): Statement {
    const list = this.indexColumnList(columns, state);
    if (list === this.columnList(columns)) return this.createIndexSql(table, name, columns, false);
    return this.alterTable(table, `ADD INDEX ${this.quoteIdent(name)} (${list})`);
  }

  /** As Agno's 3.0.0 restates the column: MODIFY without a DEFAULT clause drops it (a metadata change). */
  private modifyWithoutDefaultSql(table: string, column: string, state: SinglestoreTableState): Statement {
    const current = state.columns.find((c) => c.name === column);
    if (!current) throw new Error(`cannot drop the default of ${column}: ${table} has no such column`);
    return this.alterTable(
      table,
      `MODIFY COLUMN ${this.quoteIdent(column)} ${stateColumnType(current)}${current.nullable ? '' : ' NOT NULL'}`,
    );
  }
}
