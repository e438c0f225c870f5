import type { RunResult } from './manager/results.js';

/**
 * One small family of typed errors per concern. Every message says what happened and, where a
 * user can act, what to do next. `exitCode` is the CLI's exit code for the error.
 */
export abstract class AgnoMigrateError extends Error {
  abstract readonly code: string;
  abstract readonly exitCode: number;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(message: string, details: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.details = details;
  }
}

/** Bad input from the caller: options, URLs, names, configuration. */
export class ConfigurationError extends AgnoMigrateError {
  readonly code = 'configuration';
  readonly exitCode = 2;
}

/** A version string that cannot be parsed or is outside the known range. */
export class VersionError extends AgnoMigrateError {
  readonly code = 'version';
  readonly exitCode = 2;
}

/** The version graph itself is inconsistent (a programming error in a step definition). */
export class GraphError extends AgnoMigrateError {
  readonly code = 'graph';
  readonly exitCode = 1;
}

/** The migration lock could not be acquired in time. */
export class LockTimeoutError extends AgnoMigrateError {
  readonly code = 'lock-timeout';
  readonly exitCode = 4;
}

/** The database refused a connection or a statement. Messages never contain a password. */
export class DatabaseError extends AgnoMigrateError {
  readonly code: string;
  readonly exitCode = 1;

  constructor(message: string, details: Record<string, unknown> & { kind?: DatabaseErrorKind } = {}, options?: { cause?: unknown }) {
    super(message, details, options);
    this.code = `database.${details.kind ?? 'other'}`;
  }
}

/**
 * The versions table could not be created or completed. Nothing has been written to any Agno table
 * when it happens (it comes before the first stamp), so the run fails as a whole, not one table.
 */
export class VersionsTableError extends DatabaseError {}

export type DatabaseErrorKind =
  | 'connection'
  | 'authentication'
  | 'unknown-database'
  | 'unknown-schema'
  | 'permission'
  | 'read-only'
  | 'busy'
  /** The server cancelled the statement: a cancel request, KILL QUERY, or a time limit. */
  | 'interrupted'
  | 'undefined-table'
  | 'driver-missing'
  | 'other';

/**
 * A statement of a migration step failed. `result` holds how far the run got. A table that stayed
 * locked by another session past the lock timeout exits as a lock timeout does (4: try again later).
 */
export class MigrationStepError extends AgnoMigrateError {
  readonly code = 'migration-step';
  readonly exitCode: number;
  readonly result: RunResult | undefined;

  constructor(message: string, result?: RunResult, options?: { cause?: unknown }) {
    super(message, {}, options);
    this.result = result;
    const failed = result?.tables.find((t) => t.outcome === 'failed');
    this.exitCode = failed?.error?.code === 'lock-timeout' ? 4 : 1;
  }
}
