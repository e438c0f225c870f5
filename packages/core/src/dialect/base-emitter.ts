import type { Flavor, LogicalType, TableDef } from '../catalog/types.js';
import { VERSIONS_TABLE } from '../catalog/registry.js';
import type { Operation, OperationContext } from '../operations/types.js';
import { uniqueKeysOver } from '../operations/drop-unique-by-columns.js';
import type { Statement } from '../sql/statement.js';
import { sql } from '../sql/statement.js';
import { renderExpression } from '../sql/expression.js';
import type { Emitter, ForeignKeySpec, StepTransaction, UpsertSpec, VersionRow } from './dialect.js';
import type { InlineRules } from './inline-params.js';
import { inlineParams, standardLiteral } from './inline-params.js';
import { onConflictUpsert } from './on-conflict-upsert.js';
import { renderCreateTable } from './render-create-table.js';
import type { TableState } from './table-state.js';
import type { RunsSql } from './runs-sql.js';
import type { PlannedOperation, StatementPlan } from './statement-plan.js';
import { renderEachOperation } from './statement-plan.js';

type Renderers = {
  [K in Operation['kind']]: (op: Extract<Operation, { kind: K }>, state: TableState, ctx: OperationContext) => Statement[];
};

/**
 * Defaults for every dialect's SQL: standard SQL where the four databases agree, so a dialect
 * overrides only what differs and a new capability here does not break a contributed dialect.
 * The constructor only stores the namespace: nothing overridable runs before a subclass is built.
 */
export abstract class BaseEmitter implements Emitter {
  /** The catalog flavour whose definitions this emitter writes (the versions table's, for one). */
  abstract readonly flavor: Flavor;
  /** The column type as Agno declares it on this dialect. */
  abstract columnType(type: LogicalType): string;

  constructor(
    /** The schema (PostgreSQL) or database (MySQL family) that qualifies every table; undefined when none applies. */
    readonly namespace: string | undefined,
  ) {}

  quoteIdent(name: string): string {
    return `"${name.replaceAll('"', '""')}"`;
  }

  qualify(table: string): string {
    return this.namespace === undefined ? this.quoteIdent(table) : `${this.quoteIdent(this.namespace)}.${this.quoteIdent(table)}`;
  }

  placeholder(_index: number): string {
    return '?';
  }

  createNamespace(): Statement[] {
    return [];
  }

  /** Transactional DDL, as PostgreSQL has it; a dialect whose DDL commits on its own returns null. */
  stepTransaction(): StepTransaction | null {
    return { begin: [sql('BEGIN')], commit: [sql('COMMIT')], rollback: [sql('ROLLBACK')] };
  }

  batchTransaction(): { readonly begin: string; readonly commit: string; readonly rollback: string } {
    return { begin: 'BEGIN', commit: 'COMMIT', rollback: 'ROLLBACK' };
  }

  /** `INSERT … ON CONFLICT`, as PostgreSQL and SQLite write it. */
  upsertRows(spec: UpsertSpec, rows: readonly (readonly unknown[])[]): Statement {
    return onConflictUpsert(this, spec, rows);
  }

  createTable(def: TableDef, table: string, referencedTables: Readonly<Record<string, string>>): Statement[] {
    return renderCreateTable(this, def, table, referencedTables);
  }

  createVersionsTable(table: string): Statement[] {
    return this.createTable(VERSIONS_TABLE.define(this.flavor), table, {});
  }

  /** INSERT … ON CONFLICT, as Agno writes it on PostgreSQL and SQLite: created_at keeps its first value. */
  upsertVersion(table: string, row: VersionRow, timestamp: string): Statement {
    const q = (n: string) => this.quoteIdent(n);
    const p = (i: number) => this.placeholder(i);
    return sql(
      `INSERT INTO ${this.qualify(table)} (${q('table_name')}, ${q('version')}, ${q('created_at')}, ${q('updated_at')}) ` +
        `VALUES (${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}) ON CONFLICT (${q('table_name')}) ` +
        `DO UPDATE SET ${q('version')} = excluded.${q('version')}, ${q('updated_at')} = excluded.${q('updated_at')}`,
      [row.tableName, row.version, timestamp, timestamp],
    );
  }

  readVersions(table: string): Statement {
    return sql(`SELECT ${this.quoteIdent('table_name')}, ${this.quoteIdent('version')} FROM ${this.qualify(table)}`);
  }

  renderOperation(op: Operation, state: TableState, ctx: OperationContext): Statement[] {
    const render = this.renderers[op.kind] as (o: Operation, s: TableState, c: OperationContext) => Statement[];
    return render(op, state, ctx);
  }

  /** One operation at a time, each with its own statements: a dialect that fuses overrides this. */
  renderPlan(ops: readonly PlannedOperation[], ctx: OperationContext): StatementPlan {
    return renderEachOperation(this, ops, ctx);
  }

  protected readonly renderers: Renderers = {
    addColumn: (op, _s, ctx) => [
      this.alter(
        ctx,
        `ADD COLUMN ${this.columnDefinition(op.column.name, op.column.type, op.column.nullable)}${this.defaultClause(op.transitionalDefault)}`,
      ),
    ],
    dropColumn: (op, _s, ctx) => [this.alter(ctx, `DROP COLUMN ${this.quoteIdent(op.column)}`)],
    createIndex: (op, _s, ctx) => [this.createIndexSql(ctx.table, op.name, op.columns, op.unique, op.where)],
    dropIndex: (op) => [sql(`DROP INDEX ${this.qualifyIndex(op.name)}`)],
    addPrimaryKey: (op, _s, ctx) => [this.alter(ctx, `ADD PRIMARY KEY (${this.columnList(op.columns)})`)],
    dropPrimaryKey: (_op, state, ctx) => [
      this.alter(ctx, `DROP CONSTRAINT ${this.quoteIdent(state.primaryKey?.name ?? `${ctx.table}_pkey`)}`),
    ],
    addUnique: (op, _s, ctx) => [this.alter(ctx, `ADD CONSTRAINT ${this.quoteIdent(op.name)} UNIQUE (${this.columnList(op.columns)})`)],
    dropUnique: (op, _s, ctx) => [this.alter(ctx, `DROP CONSTRAINT ${this.quoteIdent(op.name)}`)],
    setNotNull: (op, _s, ctx) => [this.alter(ctx, `ALTER COLUMN ${this.quoteIdent(op.column)} SET NOT NULL`)],
    dropDefault: (op, _s, ctx) => [this.alter(ctx, `ALTER COLUMN ${this.quoteIdent(op.column)} DROP DEFAULT`)],
    // Each key is dropped the way its kind is (a constraint, or an index), so dialects override only those two.
    dropUniqueByColumns: (op, state, ctx) =>
      uniqueKeysOver(state, op.columns).flatMap((key) =>
        this.renderOperation(key.constraint ? { kind: 'dropUnique', name: key.name } : { kind: 'dropIndex', name: key.name }, state, ctx),
      ),
    jsonToJsonb: () => [],
    backfill: (op, _s, ctx) => {
      const params: unknown[] = [];
      const value = renderExpression(op.value, this, params);
      const column = this.quoteIdent(op.column);
      return [sql(`UPDATE ${this.qualify(ctx.table)} SET ${column} = ${value} WHERE ${column} IS NULL`, params)];
    },
    requireNoNulls: (op, _s, ctx) => [
      sql(`SELECT COUNT(*) AS ${this.quoteIdent('n')} FROM ${this.qualify(ctx.table)} WHERE ${this.quoteIdent(op.column)} IS NULL`),
    ],
    requireUnique: (op, _s, ctx) => {
      const c = this.quoteIdent(op.column);
      return [
        sql(
          `SELECT ${c} AS ${this.quoteIdent('value')}, COUNT(*) AS ${this.quoteIdent('n')} FROM ${this.qualify(ctx.table)} ` +
            `WHERE ${c} IS NOT NULL GROUP BY ${c} HAVING COUNT(*) > 1 ORDER BY COUNT(*) DESC, ${c}`,
        ),
      ];
    },
    requireNoData: (op, _s, ctx) => {
      const c = this.quoteIdent(op.column);
      const marks = op.carriesNothing.map((_, i) => this.placeholder(i + 1)).join(', ');
      const rest = op.carriesNothing.length > 0 ? ` AND ${c} NOT IN (${marks})` : '';
      return [
        sql(`SELECT COUNT(*) AS ${this.quoteIdent('n')} FROM ${this.qualify(ctx.table)} WHERE ${c} IS NOT NULL${rest}`, op.carriesNothing),
      ];
    },
    // Decided from the name alone: nothing to ask the database.
    requireNameFits: () => [],
    custom: (op, state, ctx) => [...op.plan(state, ctx)],
    // A task runs its own statements (the step executor drives it); there is nothing to render.
    task: () => [],
  };

  /** No runs copy by default: a dialect that can expand JSON arrays writes one. */
  runsSql(): RunsSql | undefined {
    return undefined;
  }

  duplicateFixSql(table: string, column: string): string {
    const c = this.quoteIdent(column);
    return `-- keep one row per ${column}, then re-run:\nSELECT * FROM ${this.qualify(table)} WHERE ${c} IN (SELECT ${c} FROM ${this.qualify(table)} GROUP BY ${c} HAVING COUNT(*) > 1) ORDER BY ${c};`;
  }

  nullFixSql(table: string, column: string): string {
    return `DELETE FROM ${this.qualify(table)} WHERE ${this.quoteIdent(column)} IS NULL;`;
  }

  droppedDataSql(table: string, column: string, carriesNothing: readonly string[]): string {
    const c = this.quoteIdent(column);
    const kept = carriesNothing.length > 0 ? ` AND ${c} NOT IN (${carriesNothing.map((v) => this.stringLiteral(v)).join(', ')})` : '';
    return `SELECT * FROM ${this.qualify(table)} WHERE ${c} IS NOT NULL${kept};`;
  }

  renameTableSql(table: string, newName: string): string {
    return `ALTER TABLE ${this.qualify(table)} RENAME TO ${this.quoteIdent(newName)};`;
  }

  /** Partial indexes as PostgreSQL and SQLite spell them. */
  partialUniqueIndex(table: string, name: string, columns: readonly string[], where: string): Statement | null {
    return sql(`CREATE UNIQUE INDEX ${this.quoteIdent(name)} ON ${this.qualify(table)} (${this.columnList(columns)}) WHERE ${where}`);
  }

  addForeignKey(table: string, key: ForeignKeySpec, replaces: string | undefined): Statement[] {
    const t = this.qualify(table);
    const drop = replaces ? [sql(`ALTER TABLE ${t} DROP CONSTRAINT ${this.quoteIdent(replaces)}`)] : [];
    const constraint = key.name ? `CONSTRAINT ${this.quoteIdent(key.name)} ` : '';
    const onDelete = key.onDelete ? ` ON DELETE ${key.onDelete}` : '';
    const add = sql(
      `ALTER TABLE ${t} ADD ${constraint}FOREIGN KEY (${this.columnList(key.columns)}) REFERENCES ${this.qualify(key.refTable)} (${this.columnList(key.refColumns)})${onDelete}`,
    );
    return [...drop, add];
  }

  /** Parameters written in as literals where this emitter's placeholders stand, quoted text left alone. */
  inlineParams(statement: Statement): string {
    return inlineParams(statement.sql, statement.params, this);
  }

  /** `?` placeholders; PostgreSQL overrides. */
  readonly placeholders: InlineRules['placeholders'] = 'question';

  /** Standard SQL strings: a backslash is a character. MySQL overrides. */
  readonly backslashEscapes: boolean = false;

  /** A parameter value as a literal of this database, for SQL printed to be pasted and run. */
  literal(value: unknown): string {
    return standardLiteral(value, (text) => this.stringLiteral(text));
  }

  columnDefinition(name: string, type: LogicalType, nullable: boolean): string {
    return `${this.quoteIdent(name)} ${this.columnType(type)}${nullable ? '' : ' NOT NULL'}`;
  }

  /** A DATE expression as 'YYYY-MM-DD' text, so a date read back compares and binds the same everywhere. */
  dateAsText(expression: string): string {
    return `CAST(${expression} AS TEXT)`;
  }

  /** A string as an SQL literal, for the few places SQL takes no parameter (a DDL default). */
  stringLiteral(value: string): string {
    return `'${value.replaceAll("'", "''")}'`;
  }

  protected defaultClause(value: string | undefined): string {
    return value === undefined ? '' : ` DEFAULT ${this.stringLiteral(value)}`;
  }

  columnList(columns: readonly string[]): string {
    return columns.map((c) => this.quoteIdent(c)).join(', ');
  }

  createIndexSql(table: string, name: string, columns: readonly string[], unique: boolean, where?: string): Statement {
    const kind = unique ? 'UNIQUE INDEX' : 'INDEX';
    const predicate = where ? ` WHERE ${where}` : '';
    return sql(`CREATE ${kind} ${this.quoteIdent(name)} ON ${this.qualify(table)} (${this.columnList(columns)})${predicate}`);
  }

  /** Index names live in the namespace on PostgreSQL and SQLite; MySQL overrides (per table). */
  protected qualifyIndex(name: string): string {
    return this.namespace === undefined ? this.quoteIdent(name) : `${this.quoteIdent(this.namespace)}.${this.quoteIdent(name)}`;
  }

  protected alter(ctx: OperationContext, action: string): Statement {
    return sql(`ALTER TABLE ${this.qualify(ctx.table)} ${action}`);
  }
}
