import type { BlockedDetails, RekeyReport, RunResult, TableOutcome } from '@agno-migrate/core';
import { AgnoMigrateError, MigrationStepError, rekeyWroteSomething } from '@agno-migrate/core';

/** What one database's migration came to, as the responses need it. */
export type DatabaseOutcome =
  | { readonly kind: 'ok'; readonly result: RunResult }
  | { readonly kind: 'blocked'; readonly result: RunResult; readonly message: string }
  | { readonly kind: 'failed'; readonly message: string; readonly result: RunResult | undefined; readonly code?: string };

export interface TableSummary {
  readonly tableType: string;
  readonly tableName: string;
  readonly from: string;
  readonly to: string;
  readonly outcome: TableOutcome;
  readonly reason?: string;
}

export function fromResult(result: RunResult): DatabaseOutcome {
  if (result.status !== 'blocked') return { kind: 'ok', result };
  const message = result.tables
    .filter((t) => t.blocked)
    .map((t) => `table ${t.tableName} (${t.tableType}) is blocked: ${t.blocked!.message}`)
    .join('; ');
  return { kind: 'blocked', result, message };
}

export function fromError(error: unknown): DatabaseOutcome {
  const message = error instanceof Error ? error.message : String(error);
  const result = error instanceof MigrationStepError ? error.result : undefined;
  return { kind: 'failed', message, result, ...(error instanceof AgnoMigrateError ? { code: error.code } : {}) };
}

/** Per table: what happened, without the SQL (the CLI's --json has that). */
export function summarize(result: RunResult | undefined): TableSummary[] {
  return (result?.tables ?? []).map((t) => ({
    tableType: t.tableType,
    tableName: t.tableName,
    from: t.from,
    to: t.to,
    outcome: t.outcome,
    ...(t.reason !== undefined ? { reason: t.reason } : t.error ? { reason: t.error.message } : {}),
  }));
}

/** The rows that stopped a step, by table name: counts, examples and the SQL that fixes them. */
export function blockedTables(result: RunResult): Record<string, BlockedDetails> {
  const blocked: Record<string, BlockedDetails> = {};
  for (const t of result.tables) if (t.blocked) blocked[t.tableName] = t.blocked;
  return blocked;
}

/**
 * AgentOS 3.x carries an error's identity next to its detail, so a client branches on `error_id`
 * rather than on text. Ours are named after the error's code: the failed table's own error when a
 * run failed, `migration_blocked_error` when data stopped a step.
 */
export function errorIdentity(outcome: DatabaseOutcome): { error_id: string; error_type: string } {
  if (outcome.kind === 'blocked') return { error_id: 'migration_blocked_error', error_type: 'migration_blocked_error' };
  const table = outcome.kind === 'failed' ? outcome.result?.tables.find((t) => t.outcome === 'failed')?.error?.code : undefined;
  const own = outcome.kind === 'failed' ? outcome.code : undefined;
  const id = `${(table ?? own ?? 'migration').replace(/[.-]/g, '_')}_error`;
  return { error_id: id, error_type: id };
}

/**
 * Agno's guide runs the learnings re-key before the application serves traffic: until then Agno 3.0
 * cannot see entity memories under pre-3.0 keys. Over HTTP the app is already serving, so the run
 * says it was late when it moved rows (the lock kept it safe from a second migration, not from that).
 */
export function lateWarnings(result: RunResult | undefined): string[] {
  const warnings: string[] = [];
  for (const table of result?.tables ?? []) {
    if (table.tableType !== 'learnings') continue;
    for (const op of table.steps.flatMap((s) => s.operations)) {
      const report = op.report as RekeyReport | undefined;
      if (!report || !Array.isArray(report.rekeyed) || !rekeyWroteSomething(report)) continue;
      const moved = report.rekeyed.length + report.merged.length + report.quarantined.length + report.purged.length;
      const verb = result?.dryRun ? 'would move' : 'moved';
      warnings.push(
        `the learnings re-key ran late: ${table.tableName} ${verb} ${moved} entity memor${moved === 1 ? 'y' : 'ies'} off pre-3.0 keys while the app was serving ` +
          'them; Agno runs it before the app serves traffic (run `agno-migrate up` in the deploy step)',
      );
    }
  }
  return warnings;
}
