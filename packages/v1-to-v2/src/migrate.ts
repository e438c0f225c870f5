import type { Connection, Dialect } from '@agno-migrate/core';
import { AgnoMigrateError, ConfigurationError } from '@agno-migrate/core';
import { V1MigrationError } from './errors.js';
import type { MigrateV1Options } from './options.js';
import { checkOptions } from './options.js';
import type { TableReport, V1MigrationReport } from './report.js';
import type { RunState } from './run/migrate-table.js';
import { finishedEarlier, migrateTable, TableFailure } from './run/migrate-table.js';
import { probeSource } from './run/probe-source.js';
import { DEFAULT_PROGRESS_TABLE, ProgressStore } from './run/progress-store.js';
import { tableJob } from './run/table-job.js';
import { prepareTargets } from './run/targets.js';

const DEFAULT_LOCK_TIMEOUT_MS = 5 * 60_000;
/** Where a database's run lock is a lease row (SQLite), the row lives here, next to the v2 tables. */
const LEASE_TABLE = 'agno_v1_to_v2_lock';

function notRun(kind: TableReport['kind'], source: string, target: string): TableReport {
  return {
    kind,
    source,
    target,
    read: 0,
    written: 0,
    inserted: 0,
    updated: 0,
    skipped: 0,
    skippedReasons: {},
    kept: 0,
    keptReasons: {},
    runsDropped: 0,
    resumed: null,
    alreadyDone: false,
    status: 'not-run',
    seconds: 0,
    rowsPerSecond: 0,
  };
}

function totals(tables: readonly TableReport[]): V1MigrationReport['totals'] {
  return tables.reduce(
    (t, r) => ({ read: t.read + r.read, written: t.written + r.written, skipped: t.skipped + r.skipped, kept: t.kept + r.kept }),
    { read: 0, written: 0, skipped: 0, kept: 0 },
  );
}

/**
 * Moves Agno 1.x session and memory tables into v2 tables (spec section 5). Writes, the lock and
 * the resume point share one pinned connection of `dialect`; a second one reads the v1 pages
 * ahead, except on a synchronous driver (SQLite), where nothing can overlap and the pinned
 * connection reads too. Only the v1 tables named are read; v1 tables are never changed.
 * Returns a report accounting for every row; a write error throws `V1MigrationError`, whose
 * report says how far each table got (a re-run continues from there).
 */
export async function migrateV1ToV2(dialect: Dialect, options: MigrateV1Options = {}): Promise<V1MigrationReport> {
  const { sources, batchSize, v1Schema } = checkOptions(dialect, options);
  const dryRun = options.dryRun ?? false;
  const progressTable = options.progressTable ?? DEFAULT_PROGRESS_TABLE;
  if (typeof progressTable !== 'string' || progressTable.trim() === '')
    throw new ConfigurationError('the progress table name must not be empty');
  const nowSeconds = Math.floor((options.now?.() ?? new Date()).getTime() / 1000);
  const describe = (error: unknown) => {
    const translated = error instanceof AgnoMigrateError ? error : dialect.errors.translate(error);
    return translated.message;
  };

  let conn: Connection;
  try {
    conn = await dialect.connector.connect();
  } catch (error) {
    throw dialect.errors.translate(error);
  }
  let reader: Connection | undefined;
  const lock = { name: `agno-migrate:v1-to-v2:${dialect.namespace ?? ''}`, timeoutMs: options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS };
  let locked = false;
  // The run commits batch by batch: its lock must outlive those transactions. A dry run writes nothing and takes none.
  const runLock = dryRun ? undefined : dialect.lock.spanning(lock, LEASE_TABLE);
  const tables: TableReport[] = [];
  let base: Omit<V1MigrationReport, 'status' | 'tables' | 'totals'>;
  // An error thrown by the caller's onProgress is theirs: it passes through unchanged.
  const callerErrors = new WeakSet<object>();
  try {
    const probed = [];
    for (const source of sources)
      probed.push({ kind: source.kind, source: await probeSource(conn, dialect, source.kind, v1Schema, source.table) });
    const needed = [...new Set(probed.map((p) => (p.kind === 'memories' ? ('memories' as const) : ('sessions' as const))))];
    const targets = await prepareTargets(dialect, options, needed, dryRun);
    const exists = new Set(targets.reports.filter((t) => t.outcome !== 'missing').map((t) => t.table));
    base = {
      command: 'v1-to-v2',
      dryRun,
      database: dialect.displayTarget,
      v1Schema: v1Schema ?? null,
      progressTable: dryRun ? null : progressTable,
      targets: targets.reports,
    };

    const store = new ProgressStore(dialect, progressTable);
    // A synchronous driver runs each query to its end before returning: a second connection could
    // not read while this one writes, it would only hold a second file handle on the database.
    const synchronous = conn.querySync !== undefined;
    if (!synchronous) reader = await dialect.connector.connect();
    const run: RunState = {
      conn,
      reader: reader ?? conn,
      overlap: !synchronous,
      transformWorker: synchronous && (options.transformWorker ?? false),
      dialect,
      store,
      batchSize,
      dryRun,
      nowSeconds,
      describe,
      limits: await dialect.connector.writeLimits(conn),
      afterBatch: runLock ? () => runLock.renew(conn) : async () => {},
      restart: options.restart ?? false,
      emit: (event) => {
        try {
          options.onProgress?.(event);
        } catch (error) {
          if (typeof error === 'object' && error !== null) callerErrors.add(error);
          throw error;
        }
      },
    };
    if (runLock) {
      await runLock.acquire(conn);
      locked = true;
    }
    if (!dryRun) await store.ensure(conn);
    const jobs = probed.map((p) => {
      const target = p.kind === 'memories' ? targets.names.memories : targets.names.sessions;
      return tableJob(dialect, p.kind, p.source, target, exists.has(target));
    });
    // A run that finds one of its copies stopped part-way resumes that run: copies it finished are
    // not made again. When every copy is finished (or none saved), this is a fresh run and all start over.
    const saved = [];
    for (const job of jobs) saved.push(dryRun || run.restart ? null : await store.load(conn, job.source.display, job.target));
    const resuming = saved.some((s) => s?.status === 'running');
    for (const [i, job] of jobs.entries()) {
      const point = saved[i] ?? null;
      if (point?.status === 'done' && resuming) {
        const report = finishedEarlier(job, point);
        tables.push(report);
        run.emit({ type: 'table-done', table: report });
        continue;
      }
      try {
        tables.push(await migrateTable(run, job, point?.status === 'running' ? point : null));
      } catch (error) {
        if (!(error instanceof TableFailure)) throw error;
        tables.push(error.report, ...jobs.slice(i + 1).map((j) => notRun(j.kind, j.source.display, j.target)));
        const row = error.key === null ? '' : ` at v1 row ${job.source.key}=${JSON.stringify(error.key)}`;
        const report: V1MigrationReport = {
          ...base,
          status: 'failed',
          tables,
          totals: totals(tables),
          error: { message: error.reason, table: job.source.display, key: error.key },
        };
        throw new V1MigrationError(
          `writing ${job.target} from ${job.source.display} failed${row}: ${error.reason}. ` +
            `Nothing of that batch was written; the rows before it are, and ${progressTable} holds the point the next run continues from`,
          report,
          { cause: error.causeError },
        );
      }
    }
    return { ...base, status: 'ok', tables, totals: totals(tables) };
  } catch (error) {
    if (error instanceof AgnoMigrateError || (typeof error === 'object' && error !== null && callerErrors.has(error))) throw error;
    throw dialect.errors.translate(error);
  } finally {
    if (locked) {
      await runLock?.release(conn).catch(() => {
        // a session lock dies with the connection, closed next; a lease left behind is taken over by the next run
      });
    }
    await reader?.close().catch(() => {});
    await conn.close().catch(() => {});
  }
}
