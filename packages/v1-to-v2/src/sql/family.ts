import type { Connection, Dialect, Statement } from '@agno-migrate/core';

/** An upsert: rows of `columns`, keyed by `conflict`; `owner` guards updates (Agno's session rule). */
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

/**
 * The little SQL that differs between database families: the upsert, batch transactions, the
 * write limits, and how the driver hands back datetimes. Everything else is standard SQL built
 * with the dialect's quoting and placeholders.
 */
export interface SqlFamily {
  readonly name: string;
  upsert(dialect: Dialect, spec: UpsertSpec, rows: readonly (readonly unknown[])[]): Statement;
  readonly begin: string;
  readonly commit: string;
  readonly rollback: string;
  /** Hold the dialect's run lock on the pinned connection (not on SQLite, whose lock is a transaction). */
  readonly runLock: boolean;
  limits(conn: Connection): Promise<WriteLimits>;
  /**
   * The driver builds Dates of zone-less datetimes in local time (mysql2): read their wall clock
   * back as UTC, as Agno treats naive datetimes.
   */
  readonly wallClockDates: boolean;
}
