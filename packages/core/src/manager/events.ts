import type { RunResult, StatementRecord, TableResult } from './results.js';

/** Progress of a run, for progress displays; the same facts end up in the returned result. */
export type MigrationEvent =
  | { readonly type: 'lock-waiting'; readonly name: string }
  /** Another run holds the lock: who, as far as the database tells (pid, application, user, host). */
  | { readonly type: 'lock-contended'; readonly name: string; readonly holder: string | undefined }
  | { readonly type: 'lock-acquired'; readonly name: string }
  | { readonly type: 'table-start'; readonly tableType: string; readonly tableName: string; readonly from: string; readonly to: string }
  | {
      readonly type: 'step-start';
      readonly tableName: string;
      readonly from: string;
      readonly to: string;
      readonly direction: 'up' | 'down';
    }
  /** A step gave up waiting for a table lock and is run again after a pause (`attempt` counts from 1). */
  | {
      readonly type: 'table-lock-retry';
      readonly tableName: string;
      readonly attempt: number;
      readonly waitedMs: number;
      readonly message: string;
    }
  | { readonly type: 'statement'; readonly tableName: string; readonly statement: StatementRecord; readonly dryRun: boolean }
  /** A statement the database has completed (never in a dry run): the point a crash can leave behind. */
  | { readonly type: 'statement-done'; readonly tableName: string; readonly statement: StatementRecord }
  /** A data task's progress: `done` of `total` (null when unknown) `unit`s. */
  | {
      readonly type: 'task-progress';
      readonly tableName: string;
      readonly description: string;
      readonly done: number;
      readonly total: number | null;
      readonly unit: string;
      readonly also?: Readonly<Record<string, number>>;
    }
  | { readonly type: 'table-done'; readonly result: TableResult }
  | { readonly type: 'run-done'; readonly result: RunResult };

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  debug?(message: string): void;
}

export const silentLogger: Logger = { info() {}, warn() {} };
