import type { Db } from '../../../dialect/db.js';
import type { SessionBatch } from '../../../dialect/runs-sql.js';
import { sql as statement } from '../../../sql/statement.js';
import { task } from '../../../operations/task.js';
import type { Task, TaskContext, TaskOutcome } from '../../../operations/types.js';
import { runsCopyOf } from './runs-table.js';

/** Runs-table rows per batch of the rebuild (whole sessions: a batch ends on a session boundary). */
export const RESTORE_BATCH_RUNS = 5000;

/**
 * Agno's revert (spec §3.2 "down"): each session that has runs rows gets its blob rebuilt from them,
 * ordered by run_index then created_at; sessions without runs rows keep whatever blob they hold;
 * then the runs table is dropped. Batches commit on their own where the step has a transaction: a
 * killed revert leaves the runs table in place and the next one rebuilds every blob again.
 */
export function restoreRunsTask(): Task {
  return task('rebuild sessions.runs from the runs table, then drop it', (ctx) => restoreRuns(ctx));
}

function* restoreRuns(ctx: TaskContext): Db<TaskOutcome> {
  const { sql, tables } = runsCopyOf(ctx);
  const exists = (yield* ctx.dialect.introspector.existingTables([tables.runs])).has(tables.runs);
  if (!exists) return { report: { runsTable: false, note: `${tables.runs} does not exist: no blob to rebuild` } };
  const q = (n: string) => ctx.dialect.emitter.quoteIdent(n);
  const runs = ctx.dialect.emitter.qualify(tables.runs);
  const sessions = ctx.dialect.emitter.qualify(tables.sessions);
  const count = function* (text: string): Db<number> {
    return Number((yield* ctx.read(statement(text))).rows[0]?.['n'] ?? 0);
  };
  const total = yield* count(`SELECT COUNT(*) AS ${q('n')} FROM ${runs}`);
  // Runs of sessions that no longer exist (SingleStore has no foreign key) have no blob to go back to.
  const orphans = yield* count(
    `SELECT COUNT(*) AS ${q('n')} FROM ${runs} r WHERE NOT EXISTS (SELECT 1 FROM ${sessions} s WHERE s.${q('session_id')} = r.${q('session_id')})`,
  );
  const prelude = sql.restorePrelude?.();
  if (prelude) yield* ctx.write(prelude);
  let rebuilt = 0;
  let after: string | null = null;
  for (;;) {
    const upTo = (yield* ctx.read(sql.restoreBatchEnd(tables, after, RESTORE_BATCH_RUNS))).rows[0]?.['up_to'];
    if (upTo === null || upTo === undefined) break;
    const batch: SessionBatch = { after, upTo: String(upTo) };
    const result = yield* ctx.write(sql.restoreBatch(tables, batch));
    rebuilt += result?.affectedRows ?? 0;
    yield* ctx.commit();
    after = batch.upTo;
  }
  yield* ctx.write(statement(`DROP TABLE ${runs}`));
  return { report: { runs: total, sessionsRebuilt: ctx.dryRun ? null : rebuilt, orphanRuns: orphans, droppedTable: tables.runs } };
}
