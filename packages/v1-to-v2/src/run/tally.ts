import type { SavedProgress } from './progress-store.js';

const EXAMPLES = 5;

/** What one page adds to a table's counts. */
export interface PageCounts {
  readonly read: number;
  readonly inserted: number;
  readonly updated: number;
  readonly runsDropped: number;
  readonly skipped: readonly { readonly reason: string; readonly key: string | null }[];
  /** Rows whose v2 row was kept as it is, with why. */
  readonly kept: readonly { readonly reason: string; readonly key: string | null }[];
}

type Reasons = Record<string, { count: number; examples: (string | null)[] }>;

function note(reasons: Reasons, reason: string, key: string | null, count: number): void {
  reasons[reason] ??= { count: 0, examples: [] };
  const entry = reasons[reason];
  entry.count += count;
  if (entry.examples.length < EXAMPLES) entry.examples.push(key);
}

const total = (reasons: Reasons) => Object.values(reasons).reduce((n, s) => n + s.count, 0);
const counts = (reasons: Reasons) => Object.fromEntries(Object.entries(reasons).map(([reason, s]) => [reason, s.count]));

/** Counts for one table; mutable while it runs. */
export class Tally {
  read = 0;
  inserted = 0;
  updated = 0;
  runsDropped = 0;
  readonly skipped: Reasons = {};
  readonly kept: Reasons = {};

  constructor(saved: SavedProgress | null) {
    if (!saved) return;
    this.read = saved.read;
    this.inserted = saved.inserted;
    this.updated = saved.updated;
    this.runsDropped = saved.runsDropped;
    for (const [reason, count] of Object.entries(saved.skipped)) this.skipped[reason] = { count, examples: [] };
    for (const [reason, count] of Object.entries(saved.kept)) this.kept[reason] = { count, examples: [] };
  }

  skip(reason: string, key: string | null, count = 1): void {
    note(this.skipped, reason, key, count);
  }

  skippedTotal(): number {
    return total(this.skipped);
  }

  keptTotal(): number {
    return total(this.kept);
  }

  add(page: PageCounts): void {
    this.read += page.read;
    this.inserted += page.inserted;
    this.updated += page.updated;
    this.runsDropped += page.runsDropped;
    for (const s of page.skipped) this.skip(s.reason, s.key);
    for (const k of page.kept) note(this.kept, k.reason, k.key, 1);
  }

  /** The counts as they will be once `page` is committed, without changing these. */
  progressAfter(page: PageCounts, lastKey: string | null, startedAt: number): SavedProgress {
    const after = new Tally(this.progress('running', lastKey, startedAt));
    after.add(page);
    return after.progress('running', lastKey, startedAt);
  }

  progress(status: 'running' | 'done', lastKey: string | null, startedAt: number): SavedProgress {
    return {
      status,
      lastKey,
      read: this.read,
      inserted: this.inserted,
      updated: this.updated,
      skipped: counts(this.skipped),
      kept: counts(this.kept),
      runsDropped: this.runsDropped,
      startedAt,
    };
  }
}
