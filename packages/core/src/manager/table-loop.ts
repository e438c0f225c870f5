import type { Db } from '../dialect/db.js';
import { AgnoMigrateError } from '../errors.js';
import type { RunResult, TableResult } from './results.js';
import type { RunContext, TableRef } from './run-context.js';

export interface Visit {
  readonly table: TableRef;
  readonly from: string;
  /** Where the table's versions row stands now: after a failure, the last step that was stamped. */
  reached(): string;
  run(): Db<TableResult>;
}

/**
 * Visits tables in order. The first error stops the run: the failing table is reported with the
 * error and the ones after it as not run, so the caller sees exactly how far it got.
 */
export function* visitTables(ctx: RunContext, visits: readonly Visit[]): Db<TableResult[]> {
  const results: TableResult[] = [];
  for (const [i, visit] of visits.entries()) {
    try {
      const result = yield* visit.run();
      results.push(result);
      ctx.emit({ type: 'table-done', result });
    } catch (raw) {
      const error = ctx.dialect.errors.translate(raw);
      const code = error instanceof AgnoMigrateError ? error.code : 'error';
      results.push({
        tableType: visit.table.info.type,
        tableName: visit.table.name,
        from: visit.from,
        to: visit.reached(),
        outcome: 'failed',
        steps: [],
        error: { message: error.message, code },
      });
      for (const rest of visits.slice(i + 1)) {
        results.push({
          tableType: rest.table.info.type,
          tableName: rest.table.name,
          from: rest.from,
          to: rest.from,
          outcome: 'not-run',
          steps: [],
          reason: `not attempted after ${visit.table.name} failed`,
        });
      }
      break;
    }
  }
  return results;
}

export function runStatus(tables: readonly TableResult[]): RunResult['status'] {
  if (tables.some((t) => t.outcome === 'failed')) return 'failed';
  if (tables.some((t) => t.outcome === 'blocked')) return 'blocked';
  return 'ok';
}
