import { ConfigurationError, resolveTableType } from '@agno-migrate/core';
import type { MigrateV1Options } from '@agno-migrate/v1-to-v2';
import type { CommonOptions } from '../common-options.js';
import { resolveDatabaseOptions } from '../config/database-options.js';
import { reportError } from '../errors.js';
import { EXIT } from '../exit-codes.js';
import { interruptible } from '../interrupt.js';
import { loadDialect } from '../load-dialect.js';
import { loadOptional } from '../optional-package.js';
import { printJson, setJsonTarget } from '../output/json.js';
import { sizedTerminal } from '../output/progress.js';
import { v1ProgressReporter } from '../output/v1-to-v2-progress.js';
import { formatV1Report } from '../output/v1-to-v2-report.js';
import { knownSecrets } from '../secrets.js';
import { isTerminal, writeStdout } from '../output/standard-streams.js';

export interface V1ToV2CommandOptions extends CommonOptions {
  v1Schema?: string;
  agentSessions?: string;
  teamSessions?: string;
  workflowSessions?: string;
  memories?: string;
  batchSize?: string;
  dryRun?: boolean;
  restart?: boolean;
}

function parseBatchSize(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new ConfigurationError(`--batch-size takes a whole number of rows, not ${JSON.stringify(value)}`);
  return n;
}

/** The v2 tables' names from --table renames: only sessions and memories matter here. */
function targetTables(renames: Readonly<Record<string, string>>): MigrateV1Options['targetTables'] {
  const out: { sessions?: string; memories?: string } = {};
  for (const [type, name] of Object.entries(renames)) {
    const info = resolveTableType(type);
    if (info.type === 'sessions' || info.type === 'memories') out[info.type] = name;
  }
  return out;
}

export async function v1ToV2Command(options: V1ToV2CommandOptions): Promise<number> {
  // An optional package, loaded here rather than imported: the CLI's bundle holds every command.
  const { migrateV1ToV2, V1MigrationError } = await loadOptional(
    () => import('@agno-migrate/v1-to-v2'),
    '@agno-migrate/v1-to-v2',
    'v1-to-v2',
  );
  const database = resolveDatabaseOptions(options);
  const batchSize = parseBatchSize(options.batchSize);
  const dialect = await loadDialect({
    target: database.target,
    ...(database.schema !== undefined ? { schema: database.schema } : {}),
    mustExist: true,
  });
  const json = options.json ?? false;
  const target = { display: database.target.display, schema: dialect.namespace, flavor: dialect.flavor };
  setJsonTarget(target.display, target.schema);
  // The redraw library loads only for a person at a terminal.
  const progress = isTerminal(2)
    ? v1ProgressReporter(process.stderr, (await import('log-update')).createLogUpdate(sizedTerminal(process.stderr), { showCursor: true }))
    : undefined;
  const migrateOptions: MigrateV1Options = {
    ...(options.v1Schema !== undefined ? { v1Schema: options.v1Schema } : {}),
    ...(options.agentSessions !== undefined ? { agentSessions: options.agentSessions } : {}),
    ...(options.teamSessions !== undefined ? { teamSessions: options.teamSessions } : {}),
    ...(options.workflowSessions !== undefined ? { workflowSessions: options.workflowSessions } : {}),
    ...(options.memories !== undefined ? { memories: options.memories } : {}),
    targetTables: targetTables(database.tables),
    ...(database.versionsTable !== undefined ? { versionsTable: database.versionsTable } : {}),
    ...(batchSize !== undefined ? { batchSize } : {}),
    ...(options.lockTimeout !== undefined ? { lockTimeoutMs: options.lockTimeout * 1000 } : {}),
    dryRun: options.dryRun ?? false,
    restart: options.restart ?? false,
    ...(progress ? { onProgress: progress } : {}),
  };
  return interruptible(
    database.target.kind,
    json,
    async () => {
      try {
        const report = await migrateV1ToV2(dialect, migrateOptions);
        if (json) printJson(report);
        else writeStdout(`${formatV1Report(report, target)}\n`);
        return EXIT.ok;
      } catch (error) {
        if (!(error instanceof V1MigrationError)) throw error;
        // The report of a failed run is its one JSON document; the error line goes to stderr.
        if (json) printJson(error.report);
        else writeStdout(`${formatV1Report(error.report, target)}\n`);
        return reportError(error, false, knownSecrets(process.argv.slice(2)));
      }
    },
    resumeHint(options.restart === true),
  );
}

/**
 * Ctrl-C part-way: every batch written so far is committed with its resume point, so the same
 * command continues where this one stopped. Said before the process ends.
 */
function resumeHint(restart: boolean): string {
  const again = restart ? 'the same command without --restart' : 'the same command';
  return `interrupted: the rows copied so far are kept; run ${again} to resume from the last saved batch (--restart starts over)`;
}
