import type { Hold } from '../graph/version-graph.js';
import type { TableHealth } from '../verify/types.js';

/** Everything a run did, as data: what ran, what was skipped and why. */
export interface StatementRecord {
  readonly sql: string;
  readonly params: readonly unknown[];
}

export interface OperationRecord {
  readonly description: string;
  /** False when the live table already had the change: nothing was run for it. */
  readonly needed: boolean;
  readonly statements: readonly StatementRecord[];
  /**
   * Index, in the step's `operations`, of the operation whose statements also did this one's work
   * (the dialect fused them); this one then has no statements of its own.
   */
  readonly carriedBy?: number;
  /** What a data task counted (rows copied, skipped per reason, …). */
  readonly report?: Readonly<Record<string, unknown>>;
}

export interface StepResult {
  readonly from: string;
  readonly to: string;
  readonly direction: 'up' | 'down';
  readonly operations: readonly OperationRecord[];
}

export interface BlockedDetails {
  /**
   * Which rule the data broke: a precondition's (NULL or duplicate values; `no-data`: values a
   * revert would drop, which `force` lets go; `name-length`: a name the step creates would pass the
   * database's limit), or a step's own (`unique-schedule-names`; `table-shape`: a table the step
   * would rebuild is not shaped like its type).
   */
  readonly check: 'no-nulls' | 'unique' | 'no-data' | 'name-length' | 'unique-schedule-names' | 'table-shape' | (string & {});
  readonly column: string;
  /** Rows holding NULL, or distinct values occurring more than once. */
  readonly count: number;
  readonly examples: readonly unknown[];
  readonly fixSql: string;
  readonly message: string;
}

export type TableOutcome =
  | 'migrated'
  | 'up-to-date'
  | 'absent'
  | 'created'
  | 'exists'
  | 'not-on-dialect'
  | 'blocked'
  | 'failed'
  | 'not-run'
  /** Nothing ran: the table cannot pass the next step (see `held`). */
  | 'held'
  /** Stamped with a version newer than this tool knows: left untouched. */
  | 'newer';

export interface TableResult {
  readonly tableType: string;
  readonly tableName: string;
  /** Recorded version before the run. */
  readonly from: string;
  /** Recorded version after the run (what a dry run would record). */
  readonly to: string;
  readonly outcome: TableOutcome;
  readonly steps: readonly StepResult[];
  readonly reason?: string;
  readonly blocked?: BlockedDetails;
  readonly error?: { readonly message: string; readonly code: string };
  /** The step the table cannot pass: it stopped at `held.at` (also after migrating up to it). */
  readonly held?: Hold;
}

export interface RunResult {
  readonly command: 'up' | 'down' | 'create';
  readonly dryRun: boolean;
  readonly targetVersion: string;
  /** ok: every table done or nothing to do; blocked: data stopped a step; failed: an error stopped the run. */
  readonly status: 'ok' | 'blocked' | 'failed';
  readonly tables: readonly TableResult[];
}

export interface TableStatus {
  readonly tableType: string;
  readonly tableName: string;
  readonly exists: boolean;
  /** The raw value in the versions table, or null when there is no row. */
  readonly recorded: string | null;
  readonly current: string;
  readonly latest: string;
  /** Versions of the steps `up` would run. */
  readonly pending: readonly string[];
  /** Where `up` stops for this table type, and why (Agno 3.0 retired culture at 2.5.6). */
  readonly held?: Hold;
  /** One word from verify's comparison: ok, drift (run verify for the details) or absent. */
  readonly health?: TableHealth;
  /** Data a step still has to change, whatever the stamp (entity memories under pre-3.0 keys). */
  readonly notices?: readonly string[];
}

export interface StatusResult {
  readonly target: string;
  readonly latest: string;
  readonly versionsTable: { readonly name: string; readonly exists: boolean };
  readonly tables: readonly TableStatus[];
}
