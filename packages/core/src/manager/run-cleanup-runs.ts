import { resolveTableType } from '../catalog/registry.js';
import type { Db } from '../dialect/db.js';
import { query } from '../dialect/db.js';
import type { RunsSql, RunsTables, SessionBatch } from '../dialect/runs-sql.js';
import { findColumn } from '../dialect/table-state.js';
import { DatabaseError } from '../errors.js';
import { buildRunRows } from '../graph/steps/v3-0-0/run-rows.js';
import { dropColumn } from '../operations/drop-column.js';
import type { Statement } from '../sql/statement.js';
import { execute } from './execute.js';
import type { RunContext } from './run-context.js';
import { withLock } from './with-lock.js';

export interface CleanupRunsOptions {
  /** Drop the column even when runs in it are missing from the runs table (Agno's `force=True`). */
  readonly force?: boolean;
  /** Check and measure, drop nothing. */
  readonly dryRun?: boolean;
}

export interface CleanupRunsResult {
  readonly command: 'cleanup-runs';
  readonly dryRun: boolean;
  /** ok: dropped (or would drop, or nothing to do); blocked: runs in the blobs are missing from the runs table. */
  readonly status: 'ok' | 'blocked';
  readonly sessionsTable: string;
  readonly runsTable: string;
  /** What was (or would be) done to the legacy column. */
  readonly action: 'dropped' | 'cleared' | 'would-drop' | 'none' | 'refused';
  readonly reason?: string;
  /** Sessions holding a blob, and the bytes the blobs take. */
  readonly sessions: number;
  readonly bytes: number;
  /** Runs found in the blobs that the runs table lacks, and (the first 20 of) the sessions holding them. */
  readonly unmigrated: { readonly runs: number; readonly sessions: number; readonly examples: readonly string[] };
  readonly statements: readonly { readonly sql: string; readonly params: readonly unknown[] }[];
}

const BATCH = 500;
const EXAMPLES = 20;

/**
 * Drops sessions.runs once it is proven redundant: every run of every blob is in the runs table
 * (checked blob by blob inside the database, in session_id batches), not assumed. Agno's unforced
 * cleanup refuses whenever a blob is non-null, i.e. always after its migration; `force` is Agno's.
 * SQLite that cannot drop a column empties it instead, as Agno does.
 */
export function* runCleanupRuns(ctx: RunContext, options: CleanupRunsOptions): Db<CleanupRunsResult> {
  const dryRun = options.dryRun ?? false;
  const tables: RunsTables = { sessions: ctx.names['sessions']!, runs: ctx.names['runs'] ?? resolveTableType('runs').defaultName };
  const sql = ctx.dialect.emitter.runsSql?.();
  if (!sql)
    throw new DatabaseError(`the ${ctx.dialect.name} dialect has no runs SQL: cleanup-runs cannot check the blobs`, { kind: 'other' });
  return yield* withLock(ctx, !dryRun, function* () {
    const base = { command: 'cleanup-runs' as const, dryRun, sessionsTable: tables.sessions, runsTable: tables.runs, statements: [] };
    const none = { runs: 0, sessions: 0, examples: [] };
    const state = yield* ctx.dialect.introspector.introspect(tables.sessions);
    if (!state || !findColumn(state, 'runs')) {
      const reason = state ? `${tables.sessions} has no runs column: nothing to clean up` : `${tables.sessions} does not exist`;
      return { ...base, status: 'ok', action: 'none', reason, sessions: 0, bytes: 0, unmigrated: none };
    }
    const size = (yield* query(sql.legacySize(tables).sql, sql.legacySize(tables).params)).rows[0];
    const sessions = Number(size?.['sessions'] ?? 0);
    const bytes = Number(size?.['bytes'] ?? 0);
    const runsExists = (yield* ctx.dialect.introspector.existingTables([tables.runs])).has(tables.runs);
    const unmigrated = sessions === 0 ? none : runsExists ? yield* findUnmigrated(sql, tables) : { runs: -1, sessions, examples: [] };
    const measured = { sessions, bytes, unmigrated };
    if (unmigrated.sessions > 0 && !options.force) {
      const reason = runsExists
        ? `${unmigrated.runs} run(s) in ${unmigrated.sessions} session(s) of ${tables.sessions}.runs are not in ${tables.runs}: run up first, or pass --force to drop them`
        : `${tables.runs} does not exist: the runs in ${tables.sessions}.runs were never copied (run up first, or pass --force)`;
      return { ...base, status: 'blocked', action: 'refused', reason, ...measured };
    }
    const drop = ctx.dialect.emitter.renderOperation(dropColumn('runs'), state, {
      table: tables.sessions,
      capabilities: ctx.dialect.capabilities,
    });
    if (dryRun) {
      for (const statement of drop) yield* execute(ctx, tables.sessions, statement, true);
      return { ...base, status: 'ok', action: 'would-drop', ...measured, statements: drop };
    }
    const ran: Statement[] = [];
    try {
      for (const statement of drop) {
        ran.push(statement);
        yield* execute(ctx, tables.sessions, statement, false);
      }
      return { ...base, status: 'ok', action: 'dropped', ...measured, statements: ran };
    } catch (error) {
      // SQLite before 3.35 has no DROP COLUMN: Agno empties the column instead (only there).
      if (!sql.clearLegacy) throw error;
      const clear = sql.clearLegacy(tables);
      ran.push(clear);
      yield* execute(ctx, tables.sessions, clear, false);
      return {
        ...base,
        status: 'ok',
        action: 'cleared',
        reason: 'DROP COLUMN failed: the column was emptied instead',
        ...measured,
        statements: ran,
      };
    }
  });
}

function* findUnmigrated(sql: RunsSql, tables: RunsTables): Db<CleanupRunsResult['unmigrated']> {
  let runs = 0;
  let sessions = 0;
  const examples: string[] = [];
  const note = (sessionId: string, missing: number) => {
    if (missing <= 0) return;
    runs += missing;
    sessions += 1;
    if (examples.length < EXAMPLES) examples.push(sessionId);
  };
  let after: string | null = null;
  for (;;) {
    const end = sql.batchEnd(tables, after, BATCH);
    const upTo: unknown = (yield* query(end.sql, end.params)).rows[0]?.['up_to'];
    if (upTo === null || upTo === undefined) break;
    const batch: SessionBatch = { after, upTo: String(upTo) };
    const missing = sql.unmigratedSessions(tables, batch);
    for (const row of (yield* query(missing.sql, missing.params)).rows) note(String(row['session_id']), Number(row['missing']));
    const fallback = sql.fallbackSessions(tables, batch);
    for (const row of (yield* query(fallback.sql, fallback.params)).rows) {
      const sessionId = String(row['session_id']);
      const ids = buildRunRows(row['runs'], sessionId, null, 0).rows.map((r) => r.run_id);
      if (ids.length === 0) continue;
      const present = sql.presentRunIds(tables, sessionId, ids);
      const found = new Set((yield* query(present.sql, present.params)).rows.map((r) => String(r['run_id'])));
      note(sessionId, ids.filter((id) => !found.has(id)).length);
    }
    after = batch.upTo;
  }
  return { runs, sessions, examples };
}
