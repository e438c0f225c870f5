import { ConfigurationError } from '@agno-migrate/core';
import type { Dialect } from '@agno-migrate/core';
import type { SourceKind, V1MigrationEvent } from './report.js';

export interface MigrateV1Options {
  /** Schema (PostgreSQL) or database (MySQL family) of the v1 tables; default: the dialect's. None on SQLite. */
  readonly v1Schema?: string;
  /** v1 table names; only the tables named are migrated. */
  readonly agentSessions?: string;
  readonly teamSessions?: string;
  /** A v1 workflow table, or a workflow_v2 table (whose `runs` column is migrated). */
  readonly workflowSessions?: string;
  readonly memories?: string;
  /** Renamed v2 tables, by type: `{ sessions: 'my_sessions', memories: 'my_memories' }`. */
  readonly targetTables?: { readonly sessions?: string; readonly memories?: string };
  /** The versions table that stamps created targets. Default agno_schema_versions. */
  readonly versionsTable?: string;
  /** The resume table, next to the v2 tables. Default agno_v1_to_v2_progress. */
  readonly progressTable?: string;
  /** Rows read per page. Default 1000. */
  readonly batchSize?: number;
  /** Read and transform everything, write nothing (no table is created either). */
  readonly dryRun?: boolean;
  /** Ignore a saved resume point and copy every table from its first row. */
  readonly restart?: boolean;
  /**
   * On a synchronous driver (SQLite), transform each page in a worker thread while the main thread
   * writes the one before; the rows written are the same. Off by default: it only gains with a
   * core to spare, and the worker's heap adds about 80 MB at the peak.
   */
  readonly transformWorker?: boolean;
  /** How long to wait for another v1-to-v2 run on the same database. Default 5 minutes. */
  readonly lockTimeoutMs?: number;
  readonly onProgress?: (event: V1MigrationEvent) => void;
  /** Clock for created_at fallbacks and the progress table (tests pin it). */
  readonly now?: () => Date;
}

export interface SourceRequest {
  readonly kind: SourceKind;
  readonly table: string;
}

/** Agno's order: agent, team, workflow sessions, then memories. */
const ORDER: readonly SourceKind[] = ['agentSessions', 'teamSessions', 'workflowSessions', 'memories'];

export const DEFAULT_BATCH_SIZE = 1000;
const MAX_BATCH_SIZE = 100_000;

function name(value: unknown, what: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.trim() === '' || value.includes('\0')) {
    throw new ConfigurationError(`${what} must be a non-empty table name`, { value });
  }
  return value;
}

/** Checks everything that needs no database, so a mistake is reported before connecting. */
export function checkOptions(
  dialect: Dialect,
  options: MigrateV1Options,
): { sources: SourceRequest[]; batchSize: number; v1Schema: string | undefined } {
  const sources: SourceRequest[] = [];
  for (const kind of ORDER) {
    const table = name(options[kind], `the v1 ${kind} table`);
    if (table !== undefined) sources.push({ kind, table });
  }
  if (sources.length === 0) {
    throw new ConfigurationError('name at least one v1 table to migrate: agent sessions, team sessions, workflow sessions or memories');
  }
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
    throw new ConfigurationError(`the batch size must be a whole number from 1 to ${MAX_BATCH_SIZE}, not ${JSON.stringify(batchSize)}`);
  }
  let v1Schema = name(options.v1Schema, 'the v1 schema');
  if (v1Schema !== undefined && dialect.namespace === undefined) {
    throw new ConfigurationError(`${dialect.name} has no schemas: leave out the v1 schema, the v1 tables are in the same database`);
  }
  v1Schema ??= dialect.namespace;
  return { sources, batchSize, v1Schema };
}
