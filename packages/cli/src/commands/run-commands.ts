import type { RunResult } from '@agno-migrate/core';
import { ConfigurationError, MigrationStepError } from '@agno-migrate/core';
import type { CommonOptions } from '../common-options.js';
import { openContext } from '../context.js';
import type { CommandContext } from '../context.js';
import { formatDryRunSql } from '../output/dry-run-sql.js';
import { withDurations } from '../output/durations.js';
import { formatRun, formatStatus } from '../output/human.js';
import { printJson } from '../output/json.js';
import { EXIT } from '../exit-codes.js';
import { interruptible } from '../interrupt.js';
import { checkTableType } from '../suggest.js';
import { writeStdout } from '../output/standard-streams.js';

export interface UpCommandOptions extends CommonOptions {
  target?: string;
  tableType?: string;
  force?: boolean;
  dryRun?: boolean;
  createMissing?: boolean;
  purgeUnrecoverable?: boolean;
}

export type DownCommandOptions = Omit<UpCommandOptions, 'createMissing' | 'purgeUnrecoverable'>;

async function withContext(
  options: CommonOptions & { tableType?: string },
  mustExist: boolean,
  body: (ctx: CommandContext) => Promise<number>,
): Promise<number> {
  checkTableType(options.tableType);
  const ctx = await openContext(options, mustExist);
  try {
    return await interruptible(ctx.target.kind, ctx.json, async () => {
      try {
        return await body(ctx);
      } catch (error) {
        // A failed (or interrupted) run still has a result: show how far it got; the error line follows.
        if (error instanceof MigrationStepError && error.result) report(ctx, error.result);
        throw error;
      }
    });
  } finally {
    ctx.progress?.stop();
    await ctx.manager.close();
  }
}

/** A dry run also says what each session of the real run sets for itself (not part of any step). */
function sessionSettingsText(ctx: CommandContext): string {
  const settings = ctx.manager.dialect.connector.sessionSettings ?? [];
  return settings.map((s) => `-- each session of the run first sets: ${s.sql} (${s.why})\n`).join('');
}

function report(ctx: CommandContext, raw: RunResult): number {
  const result = withDurations(raw, ctx.timer);
  const settings = ctx.manager.dialect.connector.sessionSettings ?? [];
  if (ctx.json) printJson(result.dryRun && settings.length > 0 ? { ...result, sessionSettings: settings } : result);
  else {
    if (result.dryRun) writeStdout(`${sessionSettingsText(ctx)}${formatDryRunSql(result, ctx.inlineParams)}\n\n`);
    writeStdout(`${formatRun(result, ctx)}\n`);
  }
  if (result.status === 'failed') return EXIT.failed;
  if (result.status === 'blocked') return EXIT.blocked;
  return EXIT.ok;
}

export function statusCommand(options: CommonOptions & { target?: string; tableType?: string; check?: boolean }): Promise<number> {
  return withContext(options, true, async (ctx) => {
    const status = await ctx.manager.status({
      ...(options.target !== undefined ? { targetVersion: options.target } : {}),
      ...(options.tableType !== undefined ? { tableType: options.tableType } : {}),
    });
    if (ctx.json) printJson(status);
    else writeStdout(`${formatStatus(status, ctx)}\n`);
    // For pipelines: "is there anything to do or to look at?" as an exit code.
    const needsWork = status.tables.some((t) => (t.exists && t.pending.length > 0) || t.health === 'drift');
    return options.check === true && needsWork ? EXIT.failed : EXIT.ok;
  });
}

export function upCommand(options: UpCommandOptions): Promise<number> {
  // Only --create-missing may create the SQLite file (a dry run never does): a typo must not make an empty database.
  return withContext(options, options.createMissing !== true || options.dryRun === true, async (ctx) => {
    const result = await ctx.manager.up({
      ...(options.target !== undefined ? { targetVersion: options.target } : {}),
      ...(options.tableType !== undefined ? { tableType: options.tableType } : {}),
      force: options.force ?? false,
      dryRun: options.dryRun ?? false,
      createMissing: options.createMissing ?? false,
      ...(options.purgeUnrecoverable ? { purgeUnrecoverable: true } : {}),
    });
    return report(ctx, result);
  });
}

export function downCommand(options: DownCommandOptions): Promise<number> {
  if (options.target === undefined) {
    throw new ConfigurationError('down needs --target <version>, the version to revert to, e.g. agno-migrate down --target 2.3.0');
  }
  return withContext(options, true, async (ctx) => {
    const result = await ctx.manager.down({
      targetVersion: options.target ?? '',
      ...(options.tableType !== undefined ? { tableType: options.tableType } : {}),
      force: options.force ?? false,
      dryRun: options.dryRun ?? false,
    });
    return report(ctx, result);
  });
}

export function initCommand(options: CommonOptions & { tableType?: string; dryRun?: boolean; target?: string }): Promise<number> {
  return withContext(options, options.dryRun === true, async (ctx) => {
    const result = await ctx.manager.create({
      ...(options.tableType !== undefined ? { tableType: options.tableType } : {}),
      ...(options.target !== undefined ? { version: options.target } : {}),
      dryRun: options.dryRun ?? false,
    });
    return report(ctx, result);
  });
}
