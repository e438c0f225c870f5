import type { ColumnDef } from '../catalog/types.js';
import type { DialectCapabilities } from '../dialect/capabilities.js';
import type { TableState } from '../dialect/table-state.js';
import type { Expression } from '../sql/expression.js';
import type { Statement } from '../sql/statement.js';
import type { Db, QueryResult } from '../dialect/db.js';
import type { Dialect } from '../dialect/dialect.js';
import type { BlockedDetails } from '../manager/results.js';

/**
 * The migration interface: a step is a list of these declarative operations. Each one is
 * check-before-act — core decides from the live table whether it is needed, a dialect renders
 * the SQL only for the ones that are.
 */
export type Operation =
  | AddColumn
  | DropColumn
  | CreateIndex
  | DropIndex
  | AddPrimaryKey
  | DropPrimaryKey
  | AddUnique
  | DropUnique
  | SetNotNull
  | DropDefault
  | DropUniqueByColumns
  | JsonToJsonb
  | Backfill
  | RequireNoNulls
  | RequireUnique
  | RequireNoData
  | RequireNameFits
  | Custom
  | Task;

export interface AddColumn {
  readonly kind: 'addColumn';
  readonly column: ColumnDef;
  /**
   * A server default that fills existing rows of a NOT NULL column (SQL text of a string literal
   * value, not yet quoted); a later `dropDefault` removes it so the column ends as a fresh one.
   */
  readonly transitionalDefault?: string;
}
export interface DropColumn {
  readonly kind: 'dropColumn';
  readonly column: string;
}
export interface CreateIndex {
  readonly kind: 'createIndex';
  readonly name: string;
  readonly columns: readonly string[];
  readonly unique: boolean;
  /** A partial index's predicate, as Agno writes it (column names unquoted). */
  readonly where?: string;
}
export interface DropIndex {
  readonly kind: 'dropIndex';
  readonly name: string;
}
export interface AddPrimaryKey {
  readonly kind: 'addPrimaryKey';
  readonly columns: readonly string[];
}
export interface DropPrimaryKey {
  readonly kind: 'dropPrimaryKey';
}
export interface AddUnique {
  readonly kind: 'addUnique';
  readonly name: string;
  readonly columns: readonly string[];
}
export interface DropUnique {
  readonly kind: 'dropUnique';
  readonly name: string;
}
export interface SetNotNull {
  readonly kind: 'setNotNull';
  readonly column: string;
}
/** Removes a column's server default (the end of an `addColumn` with a transitional default). */
export interface DropDefault {
  readonly kind: 'dropDefault';
  readonly column: string;
}
/**
 * Drops every unique constraint or unique index over exactly `columns` (in any order), whatever
 * its name: a table renamed after Agno created it keeps its key under the old table's name.
 */
export interface DropUniqueByColumns {
  readonly kind: 'dropUniqueByColumns';
  readonly columns: readonly string[];
}
export interface JsonToJsonb {
  readonly kind: 'jsonToJsonb';
  readonly columns: readonly string[];
}
/** `UPDATE … SET column = value WHERE column IS NULL`: restartable by construction. */
export interface Backfill {
  readonly kind: 'backfill';
  readonly column: string;
  readonly value: Expression;
}
/** Data precondition: no NULL in `column`. Fails the step as *blocked*, never as an error. */
export interface RequireNoNulls {
  readonly kind: 'requireNoNulls';
  readonly column: string;
}
/** Data precondition: no value of `column` occurs twice. */
export interface RequireUnique {
  readonly kind: 'requireUnique';
  readonly column: string;
}
/**
 * Data precondition of a destructive `down`: `column` holds nothing but NULL and the values in
 * `carriesNothing` (metrics' '' for "unowned"), or the step refuses unless forced.
 */
export interface RequireNoData {
  readonly kind: 'requireNoData';
  readonly column: string;
  readonly carriesNothing: readonly string[];
}
/** Precondition: an identifier the step creates fits the database's limit, or the table is blocked. */
export interface RequireNameFits {
  readonly kind: 'requireNameFits';
  readonly name: string;
  readonly why: string;
}
/** Escape hatch for dialect-specific work: plans its own statements from the live table. */
export interface Custom {
  readonly kind: 'custom';
  readonly description: string;
  readonly plan: (state: TableState, ctx: OperationContext) => readonly Statement[];
}

/**
 * Data work that reads as it goes (a batched copy, a re-key): it runs its own statements through
 * the context, which records them and skips the writes in a dry run. Check-before-act still holds:
 * `isNeeded` looks at the live table, and `run` finds on a re-run only what is left to do.
 */
export interface Task {
  readonly kind: 'task';
  readonly description: string;
  readonly isNeeded?: (state: TableState, ctx: OperationContext) => boolean;
  /** The table as it will be afterwards, when the task changes its shape. */
  readonly apply?: (state: TableState) => TableState;
  readonly run: (ctx: TaskContext) => Db<TaskOutcome>;
}

export interface TaskContext extends OperationContext {
  readonly dialect: Dialect;
  /** The live table as the step found it (after the step's earlier operations, in a dry run). */
  readonly state: TableState;
  /** Every table type's configured name. */
  readonly names: Readonly<Record<string, string>>;
  readonly dryRun: boolean;
  /** Epoch seconds at the start of the run. */
  readonly now: number;
  /** What the caller asked of data tasks (`up({ purgeUnrecoverable })`). */
  readonly options: Readonly<Record<string, unknown>>;
  /** A statement that changes something: recorded, and run unless this is a dry run. */
  write(statement: Statement): Db<QueryResult | undefined>;
  /** A read-only query: run in a dry run too. */
  read(statement: Statement): Db<QueryResult>;
  /** Progress for a person watching (rows done, of how many; `also`: other running counts, such as runs copied). */
  progress(done: number, total: number | null, unit: string, also?: Readonly<Record<string, number>>): void;
  /**
   * Commits the work so far and opens a new transaction where the step runs in one (a batch
   * boundary: a long copy holds no lock and no undo past its batch); nothing elsewhere or in a dry
   * run. A task that calls it must converge when killed after any batch.
   */
  commit(): Db<void>;
  /**
   * Stamps another table (one the task creates) in the versions table unless it already has a row:
   * recorded, skipped in a dry run.
   */
  stamp(table: string, version: string): Db<void>;
}

export interface TaskOutcome {
  /** Counts and ids for the result and `--json` (per bucket, per skip reason). */
  readonly report?: Readonly<Record<string, unknown>>;
  /** The data stops the step: the table is not stamped. */
  readonly blocked?: BlockedDetails;
}

export interface OperationContext {
  /** The table's name in the database (unqualified). */
  readonly table: string;
  readonly capabilities: DialectCapabilities;
  /** The run was forced: a destructive `down` proceeds although the data would be lost. */
  readonly force?: boolean;
  /** The table as the step found it, before its first operation (what a step's later work depends on). */
  readonly stepStart?: TableState;
}

/** How core treats one kind of operation, whatever the dialect. */
export interface OperationSpec<O extends Operation> {
  describe(op: O): string;
  /** False when the live table already has the change (or the dialect does not need it). */
  isNeeded(op: O, state: TableState, ctx: OperationContext): boolean;
  /** The table as it will be after the operation: lets a dry run plan the later operations of a step. */
  apply(op: O, state: TableState): TableState;
}
