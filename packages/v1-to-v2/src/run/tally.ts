import type { SavedProgress } from './progress-store.js';

const EXAMPLES = 5;

/** What one page adds to a table's counts. */
export interface PageCounts {
  readonly read: number;
  readonly inserted: number;
  readonly updated: number;
  readonly runsDropped: number;
  readonly skipped: readonly { readonly reason: string; readonly key: string | null }[];
}

/** Counts for one table; mutable while it runs. */
export class Tally {
  read = 0;
  inserted = 0;
  updated = 0;
  runsDropped = 0;
  readonly skipped: Record<string, { count: number; examples: (string | null)[] }> = {};

  constructor(saved: SavedProgress | null) {
    if (!saved) return;
    this.read = saved.read;
    this.inserted = saved.inserted;
    this.updated = saved.updated;
    this.runsDropped = saved.runsDropped;
    for (const [reason, count] of Object.entries(saved.skipped)) this.skipped[reason] = { count, examples: [] };
  }

  skip(reason: string, key: string | null, count = 1): void {
    const entry = (this.skipped[reason] ??= { count: 0, examples: [] });
    entry.count += count;
    if (entry.examples.length < EXAMPLES) entry.examples.push(key);
  }

  skippedTotal(): number {
    return Object.values(this.skipped).reduce((n, s) => n + s.count, 0);
  }

  add(page: PageCounts): void {
    this.read += page.read;
    this.inserted += page.inserted;
    this.updated += page.updated;
    this.runsDropped += page.runsDropped;
    for (const s of page.skipped) this.skip(s.reason, s.key);
  }

  /** The counts as they will be once `page` is committed, without changing these. */
  progressAfter(page: PageCounts, lastKey: string | null, startedAt: number): SavedProgress {
    const after = new Tally(this.progress('running', lastKey, startedAt));
    after.add(page);
    return after.progress('running', lastKey, startedAt);
  }

  progress(status: 'running' | 'done', lastKey: string | null, startedAt: number): SavedProgress {
    const skipped = Object.fromEntries(Object.entries(this.skipped).map(([reason, s]) => [reason, s.count]));
    return { status, lastKey, read: this.read, inserted: this.inserted, updated: this.updated, skipped, runsDropped: this.runsDropped, startedAt };
  }
}

