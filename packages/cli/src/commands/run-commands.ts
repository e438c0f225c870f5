import type { RunResult } from '@agno-migrate/core';
import { MigrationStepError } from '@agno-migrate/core';
import type { CommonOptions } from '../common-options.js';
import { openContext } from '../context.js';
import type { CommandContext } from '../context.js';
import { formatDryRunSql, formatRun, formatStatus } from '../output/human.js';
import { printJson } from '../output/json.js';
import { EXIT } from '../exit-codes.js';

export interface UpCommandOptions extends CommonOptions {
  target?: string;
  tableType?: string;
  force?: boolean;
  dryRun?: boolean;
  createMissing?: boolean;
  purgeUnrecoverable?: boolean;
}

export type DownCommandOptions = Omit<UpCommandOptions, 'createMissing' | 'purgeUnrecoverable'>;

async function withContext(options: CommonOptions, mustExist: boolean, body: (ctx: CommandContext) => Promise<number>): Promise<number> {
  const ctx = await openContext(options, mustExist);
  try {
    return await body(ctx);
  } catch (error) {
    // A failed run still has a result: show how far it got; the error line follows from main.
    if (error instanceof MigrationStepError && error.result) report(ctx, error.result);
    throw error;
  } finally {
    await ctx.manager.close();
  }
}

function report(ctx: CommandContext, result: RunResult): number {
  if (ctx.json) printJson(result);
  else {
    if (result.dryRun) process.stdout.write(`${formatDryRunSql(result)}\n\n`);
    process.stdout.write(`${formatRun(result, ctx.target.display)}\n`);
  }
  if (result.status === 'failed') return EXIT.failed;
  if (result.status === 'blocked') return EXIT.blocked;
  return EXIT.ok;
}

export function statusCommand(options: CommonOptions & { target?: string; tableType?: string }): Promise<number> {
  return withContext(options, true, async (ctx) => {
    const status = await ctx.manager.status({
      ...(options.target !== undefined ? { targetVersion: options.target } : {}),
      ...(options.tableType !== undefined ? { tableType: options.tableType } : {}),
    });
    if (ctx.json) printJson(status);
    else process.stdout.write(`${formatStatus(status, ctx.target.display)}\n`);
    return EXIT.ok;
  });
}

export function upCommand(options: UpCommandOptions): Promise<number> {
  return withContext(options, options.dryRun === true, async (ctx) => {
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
