import type { Db, Row } from '../../../dialect/db.js';
import type { RunsSql, RunsTables, SessionBatch } from '../../../dialect/runs-sql.js';
import { findColumn } from '../../../dialect/table-state.js';
import { task } from '../../../operations/task.js';
import type { Task, TaskContext, TaskOutcome } from '../../../operations/types.js';
import { buildRunRows } from './run-rows.js';
import type { SkipReason } from './run-rows.js';
import { ensureRunsTable, finishRunsTable, runsCopyOf } from './runs-table.js';

/** Sessions per batch: bounded work per statement (the blobs of 10-run sessions are a few MB). */
export const COPY_BATCH_SESSIONS = 500;
/** Rows per multi-row insert of the row-by-row fallback. */
const FALLBACK_INSERT_ROWS = 200;

export interface CopyTotals {
  sessions: number;
  runs: number;
  copied: number;
  existing: number;
  skipped: Record<SkipReason, number>;
  /** Sessions whose blob was read by the client (JSON text inside JSON, bytes), not by the database. */
  rowByRow: number;
  decodedTwice: number;
}

/**
 * Copies sessions.runs into the runs table as Agno 3.0 does (spec §3.2), in session_id order and
 * batches of COPY_BATCH_SESSIONS, each expanded inside the database where the dialect can. The
 * existing runs row always wins, so a re-run after a kill copies only what is missing; each batch
 * commits on its own where the step has a transaction, and the stamps come after the last one (the
 * runs table's too, where its late indexes are built after the copy).
 */
export function copyRunsTask(): Task {
  return task('copy sessions.runs into the runs table', (ctx) => copyRuns(ctx));
}

function* copyRuns(ctx: TaskContext): Db<TaskOutcome> {
  const { sql, tables } = runsCopyOf(ctx);
  const hasLegacy = findColumn(ctx.state, 'runs') !== undefined;
  // With no blob to copy there is no load to speed up: the table is created whole.
  const ensured = yield* ensureRunsTable(ctx, tables.runs, hasLegacy && sql.indexesAfterCopy === true);
  const runsExisted = ensured.existed;
  // Where DDL is transactional the runs table's foreign key locks sessions until commit: end it now.
  yield* ctx.commit();
  if (!hasLegacy) {
    return { report: { legacyColumn: false, note: `${tables.sessions} has no runs column: nothing to copy` } };
  }
  const totals: CopyTotals = {
    sessions: 0,
    runs: 0,
    copied: 0,
    existing: 0,
    skipped: { not_object: 0, no_run_id: 0, not_list: 0, unparsable: 0 },
    rowByRow: 0,
    decodedTwice: 0,
  };
  const total = yield* sessionsWithBlob(ctx, tables);
  ctx.progress(0, total, 'sessions', { runs: 0 });
  let after: string | null = null;
  for (;;) {
    const end: Row | undefined = (yield* ctx.read(sql.batchEnd(tables, after, COPY_BATCH_SESSIONS))).rows[0];
    const upTo = end?.['up_to'];
    if (upTo === null || upTo === undefined) break;
    const batch: SessionBatch = { after, upTo: String(upTo) };
    const counts = yield* copyBatch(ctx, sql, tables, batch, runsExisted);
    add(totals, counts);
    if (counts.fallback > 0) yield* copyRowByRow(ctx, sql, tables, batch, totals, runsExisted || !ctx.dryRun);
    yield* ctx.commit();
    ctx.progress(totals.sessions, total, 'sessions', { runs: totals.runs });
    after = batch.upTo;
  }
  // Before either stamp: a run killed earlier leaves both tables unstamped, and the next one builds them first.
  if (ensured.deferred) yield* finishRunsTable(ctx, tables.runs);
  return { report: report(totals, ctx.dryRun) };
}

interface BatchCounts {
  sessions: number;
  runs: number;
  copied: number;
  existing: number;
  not_object: number;
  no_run_id: number;
  not_list: number;
  fallback: number;
}

function* copyBatch(ctx: TaskContext, sql: RunsSql, tables: RunsTables, batch: SessionBatch, runsExisted: boolean): Db<BatchCounts> {
  if (ctx.dryRun) {
    // The runs table a dry run would create is empty: nothing in it to win.
    const counted = numbers((yield* ctx.read(sql.countBatch(tables, batch, runsExisted))).rows[0]);
    return { ...counted, copied: counted.runs - counted.existing };
  }
  const copy = sql.copyBatch(tables, batch, ctx.now);
  if (sql.copyReports === 'counts') {
    const result = yield* ctx.write(copy);
    const counted = numbers(result?.rows[0]);
    const copied = Number(result?.rows[0]?.['copied'] ?? 0);
    return { ...counted, copied, existing: counted.runs - copied };
  }
  // A runs table this run created holds no run of these sessions before the copy: no need to look.
  const counted = numbers((yield* ctx.read(sql.countBatch(tables, batch, sql.copyReports === 'none' && runsExisted))).rows[0]);
  const result = yield* ctx.write(copy);
  if (sql.copyReports === 'inserted') {
    const copied = result?.affectedRows ?? 0;
    return { ...counted, copied, existing: counted.runs - copied };
  }
  return { ...counted, copied: counted.runs - counted.existing };
}

/** The sessions of the batch whose blob only the client can decode: Agno's rules in JS, row by row. */
function* copyRowByRow(
  ctx: TaskContext,
  sql: RunsSql,
  tables: RunsTables,
  batch: SessionBatch,
  totals: CopyTotals,
  runsTableExists: boolean,
): Db<void> {
  const sessions = (yield* ctx.read(sql.fallbackSessions(tables, batch))).rows;
  for (const session of sessions) {
    const sessionId = String(session['session_id']);
    const userId = session['user_id'] === null || session['user_id'] === undefined ? null : String(session['user_id']);
    const built = buildRunRows(session['runs'], sessionId, userId, ctx.now);
    totals.rowByRow += 1;
    if (built.decodedTwice) totals.decodedTwice += 1;
    for (const [reason, n] of Object.entries(built.skipped)) totals.skipped[reason as SkipReason] += n;
    totals.runs += built.rows.length;
    for (let i = 0; i < built.rows.length; i += FALLBACK_INSERT_ROWS) {
      const chunk = built.rows.slice(i, i + FALLBACK_INSERT_ROWS);
      const present = runsTableExists
        ? new Set(
            (yield* ctx.read(
              sql.presentRunIds(
                tables,
                sessionId,
                chunk.map((r) => r.run_id),
              ),
            )).rows.map((r) => String(r['run_id'])),
          )
        : new Set<string>();
      const fresh = chunk.filter((r) => !present.has(r.run_id));
      totals.existing += chunk.length - fresh.length;
      totals.copied += fresh.length;
      if (fresh.length > 0) yield* ctx.write(sql.insertRuns(tables, fresh));
    }
  }
}

function* sessionsWithBlob(ctx: TaskContext, tables: RunsTables): Db<number> {
  const q = (n: string) => ctx.dialect.emitter.quoteIdent(n);
  const result = yield* ctx.read({
    sql: `SELECT COUNT(*) AS ${q('n')} FROM ${ctx.dialect.emitter.qualify(tables.sessions)} WHERE ${q('runs')} IS NOT NULL`,
    params: [],
  });
  return Number(result.rows[0]?.['n'] ?? 0);
}

function numbers(row: Row | undefined): Omit<BatchCounts, 'copied'> {
  const n = (key: string) => Number(row?.[key] ?? 0);
  return {
    sessions: n('sessions'),
    runs: n('runs'),
    existing: n('existing'),
    not_object: n('not_object'),
    no_run_id: n('no_run_id'),
    not_list: n('not_list'),
    fallback: n('fallback'),
  };
}

function add(totals: CopyTotals, counts: BatchCounts): void {
  totals.sessions += counts.sessions;
  totals.runs += counts.runs;
  totals.copied += counts.copied;
  totals.existing += counts.existing;
  totals.skipped.not_object += counts.not_object;
  totals.skipped.no_run_id += counts.no_run_id;
  totals.skipped.not_list += counts.not_list;
}

function report(totals: CopyTotals, dryRun: boolean): Record<string, unknown> {
  const skippedTotal = Object.values(totals.skipped).reduce((a, b) => a + b, 0);
  return {
    sessions: totals.sessions,
    runs: totals.runs,
    [dryRun ? 'wouldCopy' : 'copied']: totals.copied,
    existing: totals.existing,
    skipped: { ...totals.skipped, total: skippedTotal },
    rowByRow: totals.rowByRow,
    decodedTwice: totals.decodedTwice,
    legacyColumn: true,
  };
}
