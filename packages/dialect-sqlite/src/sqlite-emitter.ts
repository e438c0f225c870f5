import type { LogicalType, Operation, OperationContext, Statement, StepTransaction, TableState } from '@agno-migrate/core/dialect';
import { BaseEmitter, DatabaseError, sql } from '@agno-migrate/core/dialect';
import { SqliteRunsSql } from './sqlite-runs.js';
import { sqliteColumnType } from './sqlite-types.js';

/** SQLite's SQL: one file, no namespace; keys that cannot change in place are refused or made indexes. */
export class SqliteEmitter extends BaseEmitter {
  readonly flavor = 'sqlite' as const;

  constructor() {
    super(undefined);
  }

  columnType(type: LogicalType): string {
    return sqliteColumnType(type);
  }

  /** The driver binds a boolean as 1 or 0 (SQLite has no boolean type): the literal says the same. */
  override literal(value: unknown): string {
    return typeof value === 'boolean' ? (value ? '1' : '0') : super.literal(value);
  }

  /** The run holds one IMMEDIATE transaction (the lock); each step is a savepoint inside it. */
  override stepTransaction(): StepTransaction {
    return {
      begin: [sql('SAVEPOINT agno_migrate_step')],
      commit: [sql('RELEASE agno_migrate_step')],
      rollback: [sql('ROLLBACK TO agno_migrate_step'), sql('RELEASE agno_migrate_step')],
    };
  }

  /** The write lock up front, so a batch never fails half-way on a busy database. */
  override batchTransaction(): { readonly begin: string; readonly commit: string; readonly rollback: string } {
    return { begin: 'BEGIN IMMEDIATE', commit: 'COMMIT', rollback: 'ROLLBACK' };
  }

  override runsSql(): SqliteRunsSql {
    return new SqliteRunsSql(this);
  }

  override duplicateFixSql(table: string, column: string): string {
    const t = this.qualify(table);
    const c = this.quoteIdent(column);
    return `DELETE FROM ${t} WHERE ${c} IS NOT NULL AND rowid NOT IN (SELECT MAX(rowid) FROM ${t} WHERE ${c} IS NOT NULL GROUP BY ${c});`;
  }

  override renderOperation(op: Operation, state: TableState, ctx: OperationContext): Statement[] {
    switch (op.kind) {
      case 'dropColumn':
        // SQLite refuses to drop an indexed column, so its indexes go first.
        return [
          ...state.indexes.filter((i) => i.columns.includes(op.column)).map((i) => sql(`DROP INDEX ${this.quoteIdent(i.name)}`)),
          this.alter(ctx, `DROP COLUMN ${this.quoteIdent(op.column)}`),
        ];
      case 'addPrimaryKey':
        throw new DatabaseError(
          `SQLite cannot add a primary key to the existing table ${ctx.table}; Agno's SQLite tables always have one`,
          { kind: 'other' },
        );
      case 'dropDefault':
        throw new DatabaseError(`SQLite cannot drop the default of ${op.column} in ${ctx.table} without rebuilding the table`, {
          kind: 'other',
        });
      case 'addUnique':
        // SQLite cannot name a table constraint it could drop later; a unique index serves instead.
        return [this.createIndexSql(ctx.table, op.name, op.columns, true)];
      case 'dropUnique':
        return [sql(`DROP INDEX ${this.quoteIdent(op.name)}`)];
      default:
        return super.renderOperation(op, state, ctx);
    }
  }
}
