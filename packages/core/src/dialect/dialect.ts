import type { Flavor, LogicalType, TableDef } from '../catalog/types.js';
import type { Operation, OperationContext } from '../operations/types.js';
import type { Statement } from '../sql/statement.js';
import type { DialectCapabilities } from './capabilities.js';
import type { Connection, Db } from './db.js';
import type { ColumnState, TableState } from './table-state.js';
import type { RunsSql } from './runs-sql.js';
import type { PlannedOperation, StatementPlan } from './statement-plan.js';

export interface LockRequest {
  /** A name unique to the namespace and versions table, so separate table sets lock separately. */
  readonly name: string;
  readonly timeoutMs: number;
  /**
   * Called once when another run holds the lock, before the wait, with who holds it as far as the
   * database tells (undefined when it does not): what a waiting person wants to know.
   */
  readonly onContended?: (holder: string | undefined) => void;
}

export interface StepTransaction {
  readonly begin: readonly Statement[];
  readonly commit: readonly Statement[];
  readonly rollback: readonly Statement[];
}

export interface VersionRow {
  readonly tableName: string;
  readonly version: string;
}

export interface SessionSetting {
  /** The setting as SQL a person would write (the connector may send it in another form). */
  readonly sql: string;
  readonly why: string;
}

/** A foreign key as Agno declares it, for SQL shown to people (verify's repairs). */
export interface ForeignKeySpec {
  /** The constraint name, or undefined where Agno leaves it to the database. */
  readonly name: string | undefined;
  readonly columns: readonly string[];
  readonly refTable: string;
  readonly refColumns: readonly string[];
  readonly onDelete: string | undefined;
}

/** Rows of `columns` written in one statement, keyed by `conflict` (v1-to-v2's batches). */
export interface UpsertSpec {
  /** Quoted and qualified. */
  readonly table: string;
  readonly columns: readonly string[];
  readonly conflict: readonly string[];
  /** Columns an existing row takes from the new one. */
  readonly update: readonly string[];
  /** An existing row is updated only when this column is NULL or equal to the new value. */
  readonly owner?: string;
  /**
   * An existing row is updated only when the new row's value of this column is later than its
   * own (or it has none): a v2 row changed after the migration is never overwritten.
   */
  readonly newer?: string;
}

/** Limits a statement must stay under, measured where the server decides them. */
export interface WriteLimits {
  readonly maxParams: number;
  /** Budget for one statement's values, in bytes. */
  readonly batchBytes: number;
  /** A single row larger than this cannot be sent at all. */
  readonly maxRowBytes: number;
}

/** Opens the one pinned connection a run uses, from a URL or the caller's own client. */
export interface Connector {
  connect(): Promise<Connection>;
  connectSync?(): Connection;
  /**
   * What every session the connector opens sets for itself, and why (a role's statement time limit
   * lifted, a dead client noticed): shown by dry runs, since it is not part of any step.
   */
  readonly sessionSettings?: readonly SessionSetting[];
  /** What one statement may carry on this connection (v1-to-v2 sizes its batches by it). */
  writeLimits(connection: Connection): Promise<WriteLimits>;
  /**
   * The driver builds Dates of zone-less datetimes in local time (mysql2): their wall clock is read
   * back as UTC, as Agno treats naive datetimes.
   */
  readonly wallClockDates: boolean;
}

/** Every statement the dialect writes: no driver, no connection, only SQL text and parameters. */
export interface Emitter {
  quoteIdent(name: string): string;
  /** The table's name, quoted and qualified with the namespace. */
  qualify(table: string): string;
  placeholder(index: number): string;
  /** A string as an SQL literal, for SQL shown to people or DDL that takes no parameter. */
  stringLiteral(value: string): string;
  /** A DATE expression as 'YYYY-MM-DD' text. */
  dateAsText(expression: string): string;
  /** The column type as Agno declares it on this dialect (`VARCHAR(128)`, `JSONB`). */
  columnType(type: LogicalType): string;
  /** A statement's parameters written in as literals: for SQL shown to a person, never run. */
  inlineParams(statement: Statement): string;

  renderOperation(op: Operation, state: TableState, ctx: OperationContext): Statement[];
  /**
   * The statements for a run of a step's needed operations (never a task), in order: one entry per
   * operation. A dialect may fuse operations into fewer statements that reach the same schema and
   * rows; the base renders each operation on its own.
   */
  renderPlan(ops: readonly PlannedOperation[], ctx: OperationContext): StatementPlan;
  /** CREATE TABLE and its indexes exactly as Agno creates them on this dialect. */
  createTable(def: TableDef, table: string, referencedTables: Readonly<Record<string, string>>): Statement[];
  /** CREATE SCHEMA / DATABASE IF NOT EXISTS for the namespace; empty when the dialect has none. */
  createNamespace(): Statement[];
  /** A partial unique index, or null when the database has none. */
  partialUniqueIndex(table: string, name: string, columns: readonly string[], where: string): Statement | null;
  /** Adds a foreign key to an existing table (dropping `replaces` first, when given). */
  addForeignKey(table: string, key: ForeignKeySpec, replaces: string | undefined): Statement[];

  createVersionsTable(table: string): Statement[];
  /** One query for every row. */
  readVersions(table: string): Statement;
  upsertVersion(table: string, row: VersionRow, timestamp: string): Statement;

  /** Per-step transaction, or null when DDL commits on its own. */
  stepTransaction(): StepTransaction | null;
  /** A transaction around a batch of row writes (v1-to-v2): taken at once where the database allows. */
  batchTransaction(): { readonly begin: string; readonly commit: string; readonly rollback: string };
  /** Many rows in one statement; an existing row keeps its values unless the spec's rules let it change. */
  upsertRows(spec: UpsertSpec, rows: readonly (readonly unknown[])[]): Statement;

  /** SQL a person can run to remove duplicate values of `column`, shown when a step is blocked. */
  duplicateFixSql(table: string, column: string): string;
  /** SQL a person can run to remove the rows where `column` is NULL, shown when a step is blocked. */
  nullFixSql(table: string, column: string): string;
  /** SQL a person can run to see the rows whose `column` a revert would drop. */
  droppedDataSql(table: string, column: string, carriesNothing: readonly string[]): string;
  /** SQL a person can run to rename a table whose derived names are too long. */
  renameTableSql(table: string, newName: string): string;

  /**
   * Agno 3.0's runs copy as this database writes it (expanding JSON arrays inside the database);
   * undefined when the dialect has none.
   */
  runsSql?(): RunsSql | undefined;
}

/** Reads what is there: tables, columns, keys, as `TableState`. */
export interface Introspector {
  introspect(table: string): Db<TableState | null>;
  /** Which of `tables` exist, in one query. */
  existingTables(tables: readonly string[]): Db<Set<string>>;
  /**
   * Whether the namespace exists. Lets a least-privileged user, who may not run CREATE SCHEMA even
   * when the schema exists, create tables in it. Absent: the namespace statements always run.
   */
  namespaceExists?(): Db<boolean>;
  /** Whether a live column's type is the catalog's type, as this database stores it. */
  typeMatches(expected: LogicalType, live: ColumnState): boolean;
}

/** One run at a time per namespace and versions table. */
export interface Lock {
  acquire(request: LockRequest): Db<void>;
  release(request: LockRequest): Db<void>;
  /**
   * A lock for work that commits its own batches (v1-to-v2), held on `conn` for the whole run.
   * Where the run lock is a session lock, this is that lock; where it lives in the run's own
   * transaction (SQLite's IMMEDIATE transaction), which such work cannot hold, the dialect keeps
   * a lease in `leaseTable`, renewed as batches commit.
   */
  spanning(request: LockRequest, leaseTable: string): SpanningLock;
}

/** A run lock that outlives the transactions of the work it guards. */
export interface SpanningLock {
  acquire(conn: Connection): Promise<void>;
  /** Called after each committed batch: keeps a lease alive (cheap: at most one write every few seconds). */
  renew(conn: Connection): Promise<void>;
  release(conn: Connection): Promise<void>;
}

/** Driver errors as core's typed errors, with an actionable message and no secret in it. */
export interface ErrorTranslator {
  translate(error: unknown): Error;
  isUndefinedTable(error: unknown): boolean;
}

/**
 * Everything core may ask of a database, as one object per role. A dialect package builds each
 * role over core's base class of it; core never asks which database it is talking to.
 */
export interface Dialect {
  readonly name: string;
  readonly flavor: Flavor;
  readonly capabilities: DialectCapabilities;
  /** The schema (PostgreSQL) or database (MySQL family) of the tables; undefined when none applies. */
  readonly namespace: string | undefined;
  /** Where the tables live, for people: never contains a password. */
  readonly displayTarget: string;

  readonly connector: Connector;
  readonly emitter: Emitter;
  readonly introspector: Introspector;
  readonly lock: Lock;
  readonly errors: ErrorTranslator;
}
