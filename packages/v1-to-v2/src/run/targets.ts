import type { Dialect } from '@agno-migrate/core';
import { ConfigurationError, MigrationManager } from '@agno-migrate/core';
import type { MigrateV1Options } from '../options.js';
import type { TargetReport } from '../report.js';

export interface Targets {
  readonly names: { readonly sessions: string; readonly memories: string };
  readonly reports: readonly TargetReport[];
}

/**
 * The v2 tables, through core's manager: a missing one is created at the latest version and
 * stamped exactly as Agno creates it (not in a dry run, which writes nothing); an existing one
 * must be at the latest version, or the rows would not fit it.
 */
export async function prepareTargets(dialect: Dialect, options: MigrateV1Options, needed: readonly ('sessions' | 'memories')[], dryRun: boolean): Promise<Targets> {
  const renames = options.targetTables ?? {};
  const manager = new MigrationManager(dialect, {
    tables: { ...(renames.sessions !== undefined ? { sessions: renames.sessions } : {}), ...(renames.memories !== undefined ? { memories: renames.memories } : {}) },
    ...(options.versionsTable !== undefined ? { versionsTable: options.versionsTable } : {}),
    ...(options.lockTimeoutMs !== undefined ? { lockTimeoutMs: options.lockTimeoutMs } : {}),
  });
  const all = manager.tableNames();
  const names = { sessions: all['sessions']!, memories: all['memories']! };
  const reports: TargetReport[] = [];
  try {
    for (const tableType of needed) {
      const status = (await manager.status({ tableType })).tables[0]!;
      if (status.exists && status.pending.length > 0) {
        throw new ConfigurationError(
          `the v2 ${tableType} table ${status.tableName} is at version ${status.current}, not ${status.pending.at(-1)}: ` +
            'bring it up to date first (agno-migrate up), then run v1-to-v2 again',
          { table: status.tableName },
        );
      }
      if (status.exists) reports.push({ tableType, table: names[tableType], outcome: 'exists' });
      else if (dryRun) reports.push({ tableType, table: names[tableType], outcome: 'missing' });
      else {
        await manager.create({ tableType });
        reports.push({ tableType, table: names[tableType], outcome: 'created' });
      }
    }
  } finally {
    await manager.close();
  }
  return { names, reports };
}
