import type { Connection, Dialect, Row, WriteLimits } from '@agno-migrate/core';
import type { MapContext } from '../map/types.js';
import { idText, SKIP } from '../map/types.js';
import type { TableReport, V1MigrationEvent } from '../report.js';
import { countRows, readPage, wallClockToUtc } from '../sql/source-table.js';
import type { ExistingRow } from './existing-rows.js';
import { existingRows } from './existing-rows.js';
import { decide } from './keep-rule.js';
import { Meter } from './meter.js';
import { workerAvailable, workerTransformer } from './page-transformer.js';
import type { ProgressStore, SavedProgress } from './progress-store.js';
import type { TableJob } from './table-job.js';
import { Tally } from './tally.js';
import type { Page, PendingRow } from './transform-page.js';
import { transformPage } from './transform-page.js';
import { writeBatch } from './write-batch.js';
import { copyThroughWorker } from './worker-pipeline.js';

export interface RunState {
  /** The pinned connection: every write, the lock and the resume point. */
  readonly conn: Connection;
  /** Reads the v1 pages, so the next page arrives while this one is written (`conn` itself on a synchronous driver). */
  readonly reader: Connection;
  /** Whether reads and writes run while the next page is transformed (asynchronous drivers). */
  readonly overlap: boolean;
  /** Whether a worker thread transforms pages while this thread writes (synchronous drivers, on request). */
  readonly transformWorker: boolean;
  readonly dialect: Dialect;
  readonly limits: WriteLimits;
  readonly store: ProgressStore;
  readonly batchSize: number;
  readonly dryRun: boolean;
  readonly restart: boolean;
  readonly nowSeconds: number;
  readonly emit: (event: V1MigrationEvent) => void;
  readonly describe: (error: unknown) => string;
  /** After each committed batch: the SQLite run lock renews its lease. */
  readonly afterBatch: () => Promise<void>;
}

/** A page holds at most about this many bytes of source rows, so huge rows shrink the next page. */
const PAGE_BYTES = 32 * 1024 * 1024;

/** A table stopped by a write error: how far it got, and the row at fault. */
export class TableFailure extends Error {
  constructor(
    readonly report: TableReport,
    readonly key: string | null,
    readonly reason: string,
    readonly causeError: unknown,
  ) {
    super(reason);
  }
}

/** Reads a page ahead; marked handled, since a failed write may leave it never awaited. */
function prefetch(run: RunState, job: TableJob, after: string | null, limit: number): Promise<Row[]> {
  const page = readPage(run.reader, run.dialect, job.source, after, limit);
  page.catch(() => {});
  return page;
}

async function isEmpty(conn: Connection, dialect: Dialect, table: string): Promise<boolean> {
  const result = await conn.query(`SELECT 1 AS ${dialect.emitter.quoteIdent('found')} FROM ${table} LIMIT 1`, []);
  return result.rows.length === 0;
}

/** A copy the stopped run had finished: reported with that run's counts, not copied again. */
export function finishedEarlier(job: TableJob, saved: SavedProgress): TableReport {
  const tally = new Tally(saved);
  return {
    kind: job.kind,
    source: job.source.display,
    target: job.target,
    read: tally.read,
    written: tally.inserted + tally.updated,
    inserted: tally.inserted,
    updated: tally.updated,
    skipped: tally.skippedTotal(),
    skippedReasons: structuredClone(tally.skipped),
    kept: tally.keptTotal(),
    keptReasons: structuredClone(tally.kept),
    runsDropped: tally.runsDropped,
    resumed: { afterKey: saved.lastKey, rowsBefore: saved.read },
    alreadyDone: true,
    status: 'done',
    seconds: 0,
    rowsPerSecond: 0,
  };
}

/**
 * Copies one v1 table: pages in key order, each transformed, checked against the target and
 * written with its resume point in one transaction. Memory holds one page at a time. `saved` is
 * the point of a stopped copy to continue from (null: from the first row).
 */
export async function migrateTable(run: RunState, job: TableJob, saved: SavedProgress | null): Promise<TableReport> {
  const { conn, dialect, dryRun } = run;
  const meter = new Meter();
  const tally = new Tally(saved);
  const startedAt = saved?.startedAt ?? run.nowSeconds;
  const resumed = saved ? { afterKey: saved.lastKey, rowsBefore: saved.read } : null;
  const { total, nullKeys } = await countRows(conn, dialect, job.source);
  if (!saved && nullKeys > 0) {
    tally.read += nullKeys;
    tally.skip(job.targetType === 'sessions' ? SKIP.noSessionId : SKIP.noMemoryId, null, nullKeys);
  }
  run.emit({ type: 'table-start', kind: job.kind, source: job.source.display, target: job.target, total, done: tally.read });

  const ctx: MapContext = { scope: job.target, nowSeconds: run.nowSeconds };
  let cursor = saved?.lastKey ?? null;
  let limit = run.batchSize;
  const report = (status: TableReport['status']): TableReport => ({
    kind: job.kind,
    source: job.source.display,
    target: job.target,
    read: tally.read,
    written: tally.inserted + tally.updated,
    inserted: tally.inserted,
    updated: tally.updated,
    skipped: tally.skippedTotal(),
    skippedReasons: structuredClone(tally.skipped),
    kept: tally.keptTotal(),
    keptReasons: structuredClone(tally.kept),
    runsDropped: tally.runsDropped,
    resumed,
    alreadyDone: false,
    status,
    seconds: meter.seconds(),
    rowsPerSecond: meter.rate(),
  });

  // With nothing in the target when the copy starts, no key of it can be there: the ascending keyset
  // never meets its own rows again, so the per-batch lookup of existing rows is skipped.
  const lookup = job.targetExists && !(await isEmpty(conn, dialect, job.spec.table));

  /** Checks one transformed page against the target, writes it with its resume point, then counts it. */
  const commitPage = async (page: Page): Promise<void> => {
    const existing = lookup
      ? await existingRows(
          conn,
          dialect,
          job.spec,
          page.writes.map((w) => w.key),
          run.limits.maxParams,
        )
      : new Map<string, ExistingRow>();
    const accepted: PendingRow[] = [];
    const skipped = [...page.skipped];
    const kept: { reason: string; key: string | null }[] = [];
    let inserted = 0;
    let updated = 0;
    let runsDropped = 0;
    for (const write of page.writes) {
      const decision = decide(existing.get(write.key), write, job.spec.owner !== undefined, job.spec.newer !== undefined);
      if ('skip' in decision) {
        skipped.push({ reason: decision.skip, key: write.key });
        continue;
      }
      if ('keep' in decision) {
        kept.push({ reason: decision.keep, key: write.key });
        continue;
      }
      if (decision.write === 'update') updated++;
      else inserted++;
      runsDropped += write.runsDropped;
      accepted.push(write);
    }
    const counts = { read: page.read, inserted, updated, runsDropped, skipped, kept };
    if (!dryRun) {
      try {
        await writeBatch(
          conn,
          dialect,
          run.limits,
          {
            spec: job.spec,
            rows: accepted.map((w) => w.values),
            keys: accepted.map((w) => w.key),
            progress: run.store.save(job.source.display, job.target, tally.progressAfter(counts, page.lastKey, startedAt), run.nowSeconds),
            insertOnly: !lookup,
          },
          run.describe,
        );
      } catch (error) {
        const failure = error as { key?: string | null; reason?: string };
        throw new TableFailure(report('failed'), failure.key ?? null, failure.reason ?? run.describe(error), error);
      }
    }
    if (!dryRun) await run.afterBatch();
    tally.add(counts);
    meter.add(page.read);
    cursor = page.lastKey;
    run.emit({
      type: 'batch',
      kind: job.kind,
      source: job.source.display,
      target: job.target,
      done: tally.read,
      total,
      written: tally.inserted + tally.updated,
      skipped: tally.skippedTotal(),
      rowsPerSecond: meter.rate(),
      etaSeconds: meter.eta(total - tally.read),
      dryRun,
    });
  };

  const fitAfter = (page: Page) => {
    const fit = Math.max(1, Math.min(run.batchSize, Math.floor(PAGE_BYTES / Math.max(1, page.averageBytes))));
    // Huge rows: the page already asked for is read, and the one after it shrinks to fit.
    if (fit < limit) limit = fit;
  };

  // On a synchronous driver with more than a page to copy, a worker thread can transform page N+1
  // while this thread writes page N: the same pages, read and written in the same order.
  if (run.transformWorker && total - tally.read > limit && workerAvailable()) {
    const transformer = workerTransformer(job, ctx);
    try {
      await copyThroughWorker(run, job, transformer, cursor, () => limit, fitAfter, commitPage);
    } finally {
      await transformer.close();
    }
  } else {
    // Three stages overlap: the database reads page N+2 and writes page N while page N+1 is transformed.
    // On a synchronous driver nothing can overlap: each page is read once the one before is written,
    // so only one page is held at a time.
    let next: Promise<Row[]> | null = prefetch(run, job, cursor, limit);
    let writing: Promise<void> | null = null;
    try {
      for (;;) {
        let rows = await (next ?? prefetch(run, job, cursor, limit));
        next = null;
        if (rows.length === 0) break;
        const more = rows.length >= limit;
        const lastKey = idText(rows[rows.length - 1]![job.source.key]);
        if (more && run.overlap) next = prefetch(run, job, lastKey, limit);
        if (dialect.connector.wallClockDates) rows = rows.map(wallClockToUtc);
        const page = await transformPage(job, rows, lastKey, ctx, run.overlap);
        if (writing) await writing;
        writing = commitPage(page);
        writing.catch(() => {});
        if (!run.overlap) {
          await writing;
          writing = null;
        }
        if (!more) break;
        fitAfter(page);
      }
      if (writing) await writing;
    } finally {
      // Never leave a write running on the connection after an error elsewhere.
      await writing?.catch(() => {});
    }
  }
  if (!dryRun) {
    const done = run.store.save(job.source.display, job.target, tally.progress('done', cursor, startedAt), run.nowSeconds);
    await conn.query(done.sql, done.params);
  }
  const result = report('done');
  run.emit({ type: 'table-done', table: result });
  return result;
}
