import type { Flavor, TableDef } from '../catalog/types.js';
import type { Operation, OperationContext } from '../operations/types.js';
import type { Statement } from '../sql/statement.js';
import type { DialectCapabilities } from './capabilities.js';
import type { Connection, Db } from './db.js';
import type { TableState } from './table-state.js';
import type { RunsSql } from './runs-sql.js';

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

/**
 * Everything core may ask of a database. A dialect package implements it (usually by extending
 * `BaseDialect`); core never asks which database it is talking to.
 */
export interface Dialect {
  readonly name: string;
  readonly flavor: Flavor;
  readonly capabilities: DialectCapabilities;
  /** The schema (PostgreSQL) or database (MySQL family) of the tables; undefined when none applies. */
  readonly namespace: string | undefined;
  /** Where the tables live, for people: never contains a password. */
  readonly displayTarget: string;

  connect(): Promise<Connection>;
  connectSync?(): Connection;
  /**
   * What every session the dialect opens sets for itself, and why (a role's statement time limit
   * lifted, a dead client noticed): shown by dry runs, since it is not part of any step.
   */
  readonly sessionSettings?: readonly SessionSetting[];

  quoteIdent(name: string): string;
  /** The table's name, quoted and qualified with the namespace. */
  qualify(table: string): string;
  placeholder(index: number): string;
  /** A string as an SQL literal, for SQL shown to people or DDL that takes no parameter. */
  stringLiteral(value: string): string;
  /** A DATE expression as 'YYYY-MM-DD' text. */
  dateAsText(expression: string): string;

  introspect(table: string): Db<TableState | null>;
  /** Which of `tables` exist, in one query. */
  existingTables(tables: readonly string[]): Db<Set<string>>;

  renderOperation(op: Operation, state: TableState, ctx: OperationContext): Statement[];
  /** CREATE TABLE and its indexes exactly as Agno creates them on this dialect. */
  createTable(def: TableDef, table: string, referencedTables: Readonly<Record<string, string>>): Statement[];
  /** CREATE SCHEMA / DATABASE IF NOT EXISTS for the namespace; empty when the dialect has none. */
  createNamespace(): Statement[];
  /**
   * Whether the namespace exists. Lets a least-privileged user, who may not run CREATE SCHEMA even
   * when the schema exists, create tables in it. Absent: the namespace statements always run.
   */
  namespaceExists?(): Db<boolean>;

  createVersionsTable(table: string): Statement[];
  /** One query for every row. */
  readVersions(table: string): Statement;
  upsertVersion(table: string, row: VersionRow, timestamp: string): Statement;

  /** Per-step transaction, or null when DDL commits on its own. */
  stepTransaction(): StepTransaction | null;
  acquireLock(request: LockRequest): Db<void>;
  releaseLock(request: LockRequest): Db<void>;

  /** SQL a person can run to remove duplicate values of `column`, shown when a step is blocked. */
  duplicateFixSql(table: string, column: string): string;

  /**
   * Agno 3.0's runs copy as this database writes it (expanding JSON arrays inside the database);
   * undefined when the dialect has none.
   */
  runsSql?(): RunsSql | undefined;

  /** Driver error → core error, with an actionable message and no secret in it. */
  translateError(error: unknown): Error;
  isUndefinedTable(error: unknown): boolean;
}
