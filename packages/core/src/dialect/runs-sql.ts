import type { Statement } from '../sql/statement.js';

/**
 * Agno 3.0's runs copy (sessions.runs → the runs table, reference/agno-v3-spec.md §3.2) as SQL a
 * dialect writes and core drives: core walks the sessions in key order in bounded batches and asks
 * the dialect for each batch's statements. A dialect that can expand a JSON array itself copies
 * inside the database; the sessions its SQL cannot read (JSON text inside JSON, bytes) come back
 * through `fallbackSessions` and are copied row by row.
 */
export interface RunsTables {
  readonly sessions: string;
  readonly runs: string;
}

/** The sessions with `after < session_id <= upTo`; `after` null means from the first. */
export interface SessionBatch {
  readonly after: string | null;
  readonly upTo: string;
}

/** One runs-table row, as Agno's `_build_run_rows` builds it. `run_data` is JSON text. */
export interface RunRow {
  readonly run_id: string;
  readonly session_id: string;
  readonly run_type: string;
  readonly agent_id: string | null;
  readonly team_id: string | null;
  readonly workflow_id: string | null;
  readonly user_id: string | null;
  readonly parent_run_id: string | null;
  readonly status: string | null;
  readonly run_index: number;
  readonly run_data: string;
  readonly created_at: number;
  readonly updated_at: number;
}

export const RUN_COLUMNS = [
  'run_id',
  'session_id',
  'run_type',
  'agent_id',
  'team_id',
  'workflow_id',
  'user_id',
  'parent_run_id',
  'status',
  'run_index',
  'run_data',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof RunRow)[];

/**
 * Column names of the count row `countBatch` (and a counting `copyBatch`) return: `sessions` with a
 * blob, `runs` (elements that are runs), `existing` (runs already in the runs table, only when
 * asked), the skips per reason, and `fallback` (sessions left to `fallbackSessions`).
 */
export const COUNT_COLUMNS = ['sessions', 'runs', 'existing', 'not_object', 'no_run_id', 'not_list', 'fallback'] as const;

export interface RunsSql {
  /** One row `up_to`: the last session_id of the next batch of at most `size` sessions holding a blob. */
  batchEnd(t: RunsTables, after: string | null, size: number): Statement;
  /** One row of COUNT_COLUMNS for the batch, read inside the database (`existing` 0 unless asked). */
  countBatch(t: RunsTables, batch: SessionBatch, withExisting: boolean): Statement;
  /** INSERT … SELECT of the batch's runs (the blobs the database can expand), the existing row winning. */
  copyBatch(t: RunsTables, batch: SessionBatch, now: number): Statement;
  /**
   * How the copy tells what it did: `counts` — it returns the count row plus `copied`; `inserted`
   * — its affected rows are the rows inserted; `none` — neither (core counts `existing` first).
   */
  readonly copyReports: 'counts' | 'inserted' | 'none';
  /**
   * Whether a runs table the copy creates may get its secondary indexes (all but those leading with
   * the foreign key's columns) after the copy, as a bulk load builds them, rather than keeping them
   * up to date row by row.
   */
  readonly indexesAfterCopy?: boolean;
  /** Rows `session_id, user_id, runs` of the batch's sessions whose blob the SQL path leaves alone. */
  fallbackSessions(t: RunsTables, batch: SessionBatch): Statement;
  /** A multi-row insert of built rows, the existing row winning. */
  insertRuns(t: RunsTables, rows: readonly RunRow[]): Statement;
  /** Rows `run_id` of `ids` present in the runs table (for the fallback's and cleanup's checks). */
  presentRunIds(t: RunsTables, sessionId: string, ids: readonly string[]): Statement;

  /** Down: one row `up_to`, the last session_id of the next batch of sessions that have runs rows. */
  restoreBatchEnd(t: RunsTables, after: string | null, size: number): Statement;
  /** Down: run once before the first `restoreBatch` (a session setting the rebuild needs). */
  restorePrelude?(): Statement;
  /** Down: rebuilds the blob of each session of the batch that has runs rows, ordered by run_index, created_at. */
  restoreBatch(t: RunsTables, batch: SessionBatch): Statement;

  /** Cleanup: rows `session_id, missing` for sessions whose blob holds runs absent from the runs table. */
  unmigratedSessions(t: RunsTables, batch: SessionBatch): Statement;
  /** Cleanup: one row `sessions, bytes`: the sessions holding a blob and the bytes the blobs take. */
  legacySize(t: RunsTables): Statement;
  /** Cleanup where DROP COLUMN fails (SQLite before 3.35): empty the column instead. Absent: the failure stands. */
  clearLegacy?(t: RunsTables): Statement;
}
