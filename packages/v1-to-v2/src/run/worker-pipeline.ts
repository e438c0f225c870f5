import type { Row } from '@agno-migrate/core';
import { idText } from '../map/types.js';
import { readPage, wallClockToUtc } from '../sql/source-table.js';
import type { RunState } from './migrate-table.js';
import type { PageTransformer } from './page-transformer.js';
import type { TableJob } from './table-job.js';
import type { Page } from './transform-page.js';

/**
 * The page loop of a synchronous driver with a transform worker. Each page is read once the one
 * before is transformed (its size follows that page's, as without the worker) and handed to the
 * worker before the one before is written: at most two pages are in flight, one being written and
 * one being transformed. A read that fails is reported after the page before it is written, as
 * when reads follow writes.
 */
export async function copyThroughWorker(
  run: RunState,
  job: TableJob,
  transformer: PageTransformer,
  after: string | null,
  limit: () => number,
  fitAfter: (page: Page) => void,
  commitPage: (page: Page) => Promise<void>,
): Promise<void> {
  const submit = (rows: Row[]): Promise<Page> => {
    const lastKey = idText(rows[rows.length - 1]![job.source.key]);
    const page = transformer.transform(run.dialect.connector.wallClockDates ? rows.map(wallClockToUtc) : rows, lastKey);
    // Marked handled: a failed write leaves the next page never awaited.
    page.catch(() => {});
    return page;
  };
  const first = await readPage(run.reader, run.dialect, job.source, after, limit());
  let more = first.length >= limit();
  let pending: Promise<Page> | null = first.length === 0 ? null : submit(first);
  while (pending) {
    const page = await pending;
    pending = null;
    let readFailed = false;
    let readError: unknown;
    if (more) {
      fitAfter(page);
      try {
        const rows = await readPage(run.reader, run.dialect, job.source, page.lastKey, limit());
        more = rows.length >= limit();
        if (rows.length > 0) pending = submit(rows);
      } catch (error) {
        readFailed = true;
        readError = error;
      }
    }
    await commitPage(page);
    if (readFailed) throw readError;
  }
}
