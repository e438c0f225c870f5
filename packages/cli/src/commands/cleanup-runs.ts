import type { CleanupRunsResult } from '@agno-migrate/core';
import type { CommonOptions } from '../common-options.js';
import { openContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { printJson } from '../output/json.js';
import { writeStdout } from '../output/standard-streams.js';

export interface CleanupRunsCommandOptions extends CommonOptions {
  force?: boolean;
  dryRun?: boolean;
}

/** `agno-migrate cleanup-runs`: drop sessions.runs once every run in it is in the runs table; exit 3 when some are not. */
export async function cleanupRunsCommand(options: CleanupRunsCommandOptions): Promise<number> {
  const ctx = await openContext(options, options.dryRun === true);
  try {
    const result = await ctx.manager.cleanupRuns({ force: options.force ?? false, dryRun: options.dryRun ?? false });
    if (ctx.json) printJson(result);
    else writeStdout(`${formatCleanup(result, ctx.target.display)}\n`);
    return result.status === 'blocked' ? EXIT.blocked : EXIT.ok;
  } finally {
    await ctx.manager.close();
  }
}

export function formatCleanup(result: CleanupRunsResult, target: string): string {
  const size = `${result.sessions} session(s) hold a blob, ${formatBytes(result.bytes)}`;
  const lines = [`${target}: ${result.sessionsTable}.runs — ${size}`];
  const missing = result.unmigrated;
  if (result.action === 'refused') {
    lines.push(`refused: ${result.reason}`);
    if (missing.examples.length > 0)
      lines.push(
        `sessions holding unmigrated runs: ${missing.examples.join(', ')}${missing.sessions > missing.examples.length ? ', …' : ''}`,
      );
  } else if (result.action === 'none') lines.push(result.reason ?? 'nothing to clean up');
  else {
    const verb = { dropped: 'dropped', cleared: 'emptied (DROP COLUMN failed)', 'would-drop': 'would drop' }[result.action];
    const proof =
      missing.runs === 0 ? `every run is in ${result.runsTable}` : `${missing.runs} run(s) are not in ${result.runsTable} (--force)`;
    lines.push(`${verb} the column, freeing about ${formatBytes(result.bytes)}: ${proof}`);
    for (const s of result.statements) lines.push(`  ${s.sql};`);
  }
  return lines.join('\n');
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}
