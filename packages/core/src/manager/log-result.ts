import type { Logger } from './events.js';
import type { RunResult } from './results.js';

export function logResult(logger: Logger, result: RunResult): void {
  for (const t of result.tables) {
    const line = `${t.tableName} (${t.tableType}): ${t.outcome} ${t.from} → ${t.to}`;
    if (t.outcome === 'blocked' || t.outcome === 'failed') logger.warn(`${line}: ${t.reason ?? t.error?.message ?? ''}`);
    else logger.info(line);
  }
}

export function describeFailure(result: RunResult): string {
  const failed = result.tables.find((t) => t.outcome === 'failed');
  if (!failed) return `${result.command} failed`;
  return `${result.command} failed on ${failed.tableName} (${failed.tableType}) after reaching ${failed.to}: ${failed.error?.message ?? 'unknown error'}`;
}
