/** What verify reports, as data: per table its health and every difference, each with what to do. */
export type FindingKind =
  | 'missing-column'
  | 'extra-column'
  | 'wrong-type'
  | 'wrong-nullability'
  | 'missing-primary-key'
  | 'different-primary-key'
  | 'missing-index'
  | 'missing-unique'
  | 'missing-foreign-key';

/** How to repair a difference. */
export type Fix =
  /**
   * A step the versions row claims is done is missing: re-apply it (up, forced, for the table type).
   * Front ends spell the command with their own options.
   */
  | { readonly kind: 'force-up'; readonly tableType: string; readonly step: string }
  /** SQL that repairs it, rendered by the dialect. */
  | { readonly kind: 'sql'; readonly statements: readonly string[]; readonly note?: string }
  /** Something only a person can decide (a type change, a column Agno does not know). */
  | { readonly kind: 'manual'; readonly text: string };

export interface Finding {
  readonly kind: FindingKind;
  /** The column, for column findings. */
  readonly column?: string;
  /** The columns of a key or index. */
  readonly columns?: readonly string[];
  /** The name Agno gives the index or constraint. */
  readonly name?: string;
  readonly expected?: string;
  readonly actual?: string;
  readonly fix: Fix;
  /** What differs, without what to do about it (a front end adds its own hint to it). */
  readonly what: string;
  /** One line: what differs and what to do about it. */
  readonly message: string;
}

/**
 * ok: the table is what Agno expects at its recorded version; drift: it differs; absent: it does
 * not exist; newer: it is stamped with a version newer than this tool knows, so it is not judged.
 */
export type TableHealth = 'ok' | 'drift' | 'absent' | 'newer';

export interface TableVerification {
  readonly tableType: string;
  readonly tableName: string;
  readonly exists: boolean;
  /** The raw value in the versions table, or null when there is no row. */
  readonly recorded: string | null;
  readonly current: string;
  readonly health: TableHealth;
  /** Steps above the recorded version that `up` would run (their changes are not differences). */
  readonly pending: readonly string[];
  /**
   * Steps at or below the recorded version whose changes are missing: the versions row claims more
   * than the table has. A forced up of the table type re-applies them.
   */
  readonly missingSteps: readonly string[];
  readonly findings: readonly Finding[];
}

export interface VerifyResult {
  /** ok: every existing table is as expected; drift: at least one finding. */
  readonly status: 'ok' | 'drift';
  readonly latest: string;
  readonly versionsTable: { readonly name: string; readonly exists: boolean };
  readonly tables: readonly TableVerification[];
}
