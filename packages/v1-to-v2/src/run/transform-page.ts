import type { Row } from '@agno-migrate/core';
import type { MapContext, Mapped } from '../map/types.js';
import { idText, SKIP } from '../map/types.js';
import { rowBytes } from '../sql/chunks.js';
import type { TableJob } from './table-job.js';

function mapSafely(job: TableJob, row: Row, ctx: MapContext): Mapped {
  try {
    return job.map(row, ctx);
  } catch {
    // Agno skips a row whose conversion throws; so does this, counted under its own reason.
    return { skip: SKIP.unconvertible, key: idText(row[job.source.key]) };
  }
}

export interface PendingRow {
  readonly key: string;
  readonly values: unknown[];
  readonly owner: unknown;
  readonly runsDropped: number;
}

/** One page of v1 rows, transformed: the rows to write and the rows skipped, with why. */
export interface Page {
  readonly read: number;
  readonly lastKey: string | null;
  readonly writes: readonly PendingRow[];
  readonly skipped: readonly { readonly reason: string; readonly key: string | null }[];
  readonly averageBytes: number;
}

/** Rows transformed between two yields to the event loop. */
const SLICE = 64;
const yieldToIo = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Transforms a page in slices, yielding between them: the write of the previous page runs on the
 * same event loop, and each of its statements is sent as soon as the one before returns, instead of
 * waiting for the whole page's transform.
 */
export async function transformPage(job: TableJob, rows: readonly Row[], lastKey: string | null, ctx: MapContext): Promise<Page> {
  const writes: PendingRow[] = [];
  const skipped: { reason: string; key: string | null }[] = [];
  let bytes = 0;
  for (const [i, row] of rows.entries()) {
    if (i > 0 && i % SLICE === 0) await yieldToIo();
    const mapped = mapSafely(job, row, ctx);
    if ('skip' in mapped) {
      skipped.push({ reason: mapped.skip, key: mapped.key });
      continue;
    }
    const values = job.spec.columns.map((c) => mapped.row[c] ?? null);
    bytes += rowBytes(values);
    writes.push({ key: mapped.key, values, owner: mapped.owner ?? null, runsDropped: mapped.runsDropped });
  }
  return { read: rows.length, lastKey, writes, skipped, averageBytes: bytes / Math.max(1, writes.length) };
}
