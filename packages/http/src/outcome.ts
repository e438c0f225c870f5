import type { BlockedDetails, RunResult, TableOutcome } from '@agno-migrate/core';
import { MigrationStepError } from '@agno-migrate/core';

/** What one database's migration came to, as the responses need it. */
export type DatabaseOutcome =
  | { readonly kind: 'ok'; readonly result: RunResult }
  | { readonly kind: 'blocked'; readonly result: RunResult; readonly message: string }
  | { readonly kind: 'failed'; readonly message: string; readonly result: RunResult | undefined };

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
  return { kind: 'failed', message, result };
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
