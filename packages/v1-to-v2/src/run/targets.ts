import type { Dialect } from '@agno-migrate/core';
import type { TableStatus } from '@agno-migrate/core';
import { compareVersions, ConfigurationError, MigrationManager } from '@agno-migrate/core';
import type { MigrateV1Options } from '../options.js';
import type { TargetReport } from '../report.js';

export interface Targets {
  readonly names: { readonly sessions: string; readonly memories: string };
  readonly reports: readonly TargetReport[];
}

/**
 * The version whose shape each target must have. v1 runs become a v2 session's `runs` blob, the
 * shape of Agno 2.x: sessions are written at 2.5.6, the last version with that column, and `up`
 * then carries them to 3.0's runs table like any 2.x database. Memories take the latest shape.
 */
const SESSIONS_SHAPE = '2.5.6';

/**
 * The v2 tables, through core's manager: a missing one is created at its shape's version and
 * stamped exactly as Agno creates it (not in a dry run, which writes nothing); an existing one
 * must be at that version, or the rows would not fit it.
 */
export async function prepareTargets(
  dialect: Dialect,
  options: MigrateV1Options,
  needed: readonly ('sessions' | 'memories')[],
  dryRun: boolean,
): Promise<Targets> {
  const renames = options.targetTables ?? {};
  const manager = new MigrationManager(dialect, {
    tables: {
      ...(renames.sessions !== undefined ? { sessions: renames.sessions } : {}),
      ...(renames.memories !== undefined ? { memories: renames.memories } : {}),
    },
    ...(options.versionsTable !== undefined ? { versionsTable: options.versionsTable } : {}),
    ...(options.lockTimeoutMs !== undefined ? { lockTimeoutMs: options.lockTimeoutMs } : {}),
  });
  const all = manager.tableNames();
  const names = { sessions: all['sessions']!, memories: all['memories']! };
  const reports: TargetReport[] = [];
  try {
    for (const tableType of needed) {
      const version = tableType === 'sessions' ? SESSIONS_SHAPE : manager.graph.latest;
      // create() takes the migration lock and leaves an existing table alone, so once it returns no
      // concurrent run is half-way through creating and stamping this table (MySQL DDL commits alone).
      const created = dryRun ? false : (await manager.create({ tableType, version })).tables.some((t) => t.outcome === 'created');
      const status = (await manager.status({ tableType, targetVersion: version })).tables[0]!;
      if (status.exists && !created) checkTarget(tableType, status, version);
      const outcome = created ? 'created' : status.exists ? 'exists' : 'missing';
      reports.push({ tableType, table: names[tableType], outcome, version });
    }
  } finally {
    await manager.close();
  }
  return { names, reports };
}

/** An existing target must be exactly at the version whose rows v1-to-v2 writes. */
function checkTarget(tableType: string, status: TableStatus, version: string): void {
  if (status.current === version) return;
  const newer = compareVersions(status.current, version) > 0;
  throw new ConfigurationError(
    newer
      ? `the v2 ${tableType} table ${status.tableName} is at version ${status.current}: v1-to-v2 writes Agno 2.x sessions, ` +
          `whose runs live in the session row (version ${version}); point it at a database without that table, or at a ${tableType} table at ${version}, then run agno-migrate up`
      : `the v2 ${tableType} table ${status.tableName} is at version ${status.current}, not ${version}: ` +
          `bring it up first (agno-migrate up${version === SESSIONS_SHAPE && tableType === 'sessions' ? ` --target ${version}` : ''}), then run v1-to-v2 again`,
    { table: status.tableName },
  );
}
