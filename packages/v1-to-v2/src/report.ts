/** The v1 tables the migration reads, in the order it reads them. */
export type SourceKind = 'agentSessions' | 'teamSessions' | 'workflowSessions' | 'memories';

/** Every row of one v1 table, accounted for: read = inserted + updated + skipped + kept (would-be, in a dry run). */
export interface TableReport {
  readonly kind: SourceKind;
  /** `schema.table` (the table alone on SQLite). */
  readonly source: string;
  readonly target: string;
  readonly read: number;
  readonly written: number;
  readonly inserted: number;
  readonly updated: number;
  readonly skipped: number;
  /** Skipped rows by reason, with the first few keys of each. */
  readonly skippedReasons: Readonly<Record<string, { readonly count: number; readonly examples: readonly (string | null)[] }>>;
  /** v1 rows whose v2 row was left as it is: it is as new as the v1 row, or the application changed it after the migration. */
  readonly kept: number;
  /** Kept rows by reason, with the first few keys of each. */
  readonly keptReasons: Readonly<Record<string, { readonly count: number; readonly examples: readonly (string | null)[] }>>;
  /** Runs v2 cannot load (no agent_id/team_id), left out of their sessions. */
  readonly runsDropped: number;
  /** The saved point this run continued from, when an earlier run stopped part-way. */
  readonly resumed: { readonly afterKey: string | null; readonly rowsBefore: number } | null;
  /**
   * The copy had finished in the stopped run this one resumed, so it was not copied again; the
   * counts are those of that run.
   */
  readonly alreadyDone: boolean;
  readonly status: 'done' | 'failed' | 'not-run';
  readonly seconds: number;
  readonly rowsPerSecond: number;
}

export interface TargetReport {
  readonly tableType: 'sessions' | 'memories';
  readonly table: string;
  /** created: made at `version` and stamped; exists: used as found; missing: a dry run would create it. */
  readonly outcome: 'created' | 'exists' | 'missing';
  /** The version whose shape the rows are written in: 2.5.6 for sessions (runs in the row), the latest for memories. */
  readonly version: string;
}

export interface V1MigrationReport {
  readonly command: 'v1-to-v2';
  readonly dryRun: boolean;
  readonly status: 'ok' | 'failed';
  /** Where the v2 tables are, for people (no password). */
  readonly database: string;
  readonly v1Schema: string | null;
  readonly progressTable: string | null;
  readonly targets: readonly TargetReport[];
  readonly tables: readonly TableReport[];
  readonly totals: { readonly read: number; readonly written: number; readonly skipped: number; readonly kept: number };
  readonly error?: { readonly message: string; readonly table: string; readonly key: string | null };
}

/** Progress for displays; the same facts end up in the report. */
export type V1MigrationEvent =
  | {
      readonly type: 'table-start';
      readonly kind: SourceKind;
      readonly source: string;
      readonly target: string;
      readonly total: number;
      readonly done: number;
    }
  | {
      readonly type: 'batch';
      readonly kind: SourceKind;
      readonly source: string;
      readonly target: string;
      /** Rows of the source handled so far, earlier runs included. */
      readonly done: number;
      readonly total: number;
      readonly written: number;
      readonly skipped: number;
      readonly rowsPerSecond: number;
      /** Seconds left at the current rate; null until there is a rate. */
      readonly etaSeconds: number | null;
      readonly dryRun: boolean;
    }
  | { readonly type: 'table-done'; readonly table: TableReport };
