import type { Row } from '@agno-migrate/core';
import type { MapContext, Mapped } from '../map/types.js';
import { idText, SKIP } from '../map/types.js';
import { rowBytes } from '../sql/chunks.js';
import type { TableJob } from './table-job.js';

/** What a page's transform needs of its table job: plain data and the mapping, which a worker rebuilds. */
export type TransformJob = Pick<TableJob, 'map'> & {
  readonly source: Pick<TableJob['source'], 'key'>;
  readonly spec: Pick<TableJob['spec'], 'columns' | 'newer'>;
};

function mapSafely(job: TransformJob, row: Row, ctx: MapContext): Mapped {
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
  /** The row's update time (the spec's `newer` column), compared with the target's before writing. */
  readonly updatedAt: number | null;
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
 * Transforms a page in slices, yielding between them when `overlap`: the write of the previous page
 * runs on the same event loop, and each of its statements is sent as soon as the one before
 * returns, instead of waiting for the whole page's transform. A synchronous driver has finished
 * its write before the transform starts, so there the page is transformed in one go. `rows` is
 * emptied as it goes, so a page's source rows do not outlive their transform.
 */
export async function transformPage(
  job: TransformJob,
  rows: (Row | null)[],
  lastKey: string | null,
  ctx: MapContext,
  overlap = true,
): Promise<Page> {
  const writes: PendingRow[] = [];
  const skipped: { reason: string; key: string | null }[] = [];
  let bytes = 0;
  const read = rows.length;
  for (let i = 0; i < read; i++) {
    if (overlap && i > 0 && i % SLICE === 0) await yieldToIo();
    const row = rows[i]!;
    // The page is consumed: a source row (decoded JSON included) can go as soon as it is mapped.
    rows[i] = null;
    const mapped = mapSafely(job, row, ctx);
    if ('skip' in mapped) {
      skipped.push({ reason: mapped.skip, key: mapped.key });
      continue;
    }
    const values = job.spec.columns.map((c) => mapped.row[c] ?? null);
    bytes += rowBytes(values);
    const updatedAt = job.spec.newer === undefined ? null : mapped.row[job.spec.newer];
    writes.push({
      key: mapped.key,
      values,
      owner: mapped.owner ?? null,
      updatedAt: typeof updatedAt === 'number' ? updatedAt : null,
      runsDropped: mapped.runsDropped,
    });
  }
  return { read, lastKey, writes, skipped, averageBytes: bytes / Math.max(1, writes.length) };
}
