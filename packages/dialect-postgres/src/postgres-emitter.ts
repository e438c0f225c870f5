import type {
  LogicalType,
  Operation,
  OperationContext,
  PlannedOperation,
  Statement,
  StatementPlan,
  StepTransaction,
  TableState,
} from '@agno-migrate/core/dialect';
import { BaseEmitter, columnsStillJson, sql, TABLE_LOCK_WAIT_MS } from '@agno-migrate/core/dialect';
import { planPostgres } from './postgres-fusion.js';
import { PostgresRunsSql } from './postgres-runs.js';
import { postgresColumnType } from './postgres-types.js';

/** PostgreSQL's SQL, in one schema: `$n` placeholders, JSONB, index names per schema. */
export class PostgresEmitter extends BaseEmitter {
  readonly flavor = 'postgres' as const;

  constructor(private readonly schema: string) {
    super(schema);
  }

  override placeholder(index: number): string {
    return `$${index}`;
  }

  override readonly placeholders = 'numbered' as const;

  /** Bytes as a bytea literal; the rest as standard SQL. */
  override literal(value: unknown): string {
    return Buffer.isBuffer(value) ? `'\\x${value.toString('hex')}'::bytea` : super.literal(value);
  }

  columnType(type: LogicalType): string {
    return postgresColumnType(type);
  }

  /**
   * Each step waits at most a second for a table lock (`SET LOCAL`, so it ends with the step and a
   * caller's own client keeps its setting): a step queued behind an application's open transaction
   * would queue every writer of the table behind it. Core retries the step until --lock-timeout.
   */
  override stepTransaction(): StepTransaction {
    return {
      begin: [sql('BEGIN'), sql(`SET LOCAL lock_timeout = '${TABLE_LOCK_WAIT_MS}ms'`)],
      commit: [sql('COMMIT')],
      rollback: [sql('ROLLBACK')],
    };
  }

  override createNamespace(): Statement[] {
    return [sql(`CREATE SCHEMA IF NOT EXISTS ${this.quoteIdent(this.schema)}`)];
  }

  override renderOperation(op: Operation, state: TableState, ctx: OperationContext): Statement[] {
    switch (op.kind) {
      case 'jsonToJsonb':
        return this.jsonToJsonbSql(ctx.table, columnsStillJson(op, state, ctx));
      case 'createIndex':
        return [...this.dropInvalidIndexSql(state, op.name), ...super.renderOperation(op, state, ctx)];
      default:
        return super.renderOperation(op, state, ctx);
    }
  }

  /** A table's changes in the fewest rewrites (postgres-fusion.ts). */
  override renderPlan(ops: readonly PlannedOperation[], ctx: OperationContext): StatementPlan {
    return planPostgres(this, ops, ctx);
  }

  override runsSql(): PostgresRunsSql {
    return new PostgresRunsSql(this);
  }

  /**
   * Keeps one row per value (the one stored last, by ctid) and deletes the others. Shown to people,
   * never run by the tool: which duplicate to keep is the user's decision.
   */
  override duplicateFixSql(table: string, column: string): string {
    const t = this.qualify(table);
    const c = this.quoteIdent(column);
    return (
      `-- review first: keeps the last stored row of each duplicated ${column}, deletes the others\n` +
      `DELETE FROM ${t} AS a USING ${t} AS b WHERE a.${c} = b.${c} AND a.ctid < b.ctid;`
    );
  }

  /** Agno's 2.3.0 conversion, one ALTER per column as Agno runs it; the plan fuses them into one rewrite. */
  private jsonToJsonbSql(table: string, columns: readonly string[]): Statement[] {
    return columns.map((c) => {
      const column = this.quoteIdent(c);
      return sql(`ALTER TABLE ${this.qualify(table)} ALTER COLUMN ${column} TYPE JSONB USING ${column}::jsonb`);
    });
  }

  /**
   * An INVALID index (left by a failed CREATE INDEX CONCURRENTLY) holds the name but serves no query;
   * it is dropped first so the new one can take its name.
   */
  private dropInvalidIndexSql(state: TableState, name: string): Statement[] {
    const invalid = state.indexes.some((i) => i.name === name && !i.valid);
    return invalid ? [sql(`DROP INDEX ${this.qualifyIndex(name)}`)] : [];
  }
}
