import { describe, expect, it } from 'vitest';
import { SKIP } from '../../src/map/types.js';
import { decide, KEEP } from '../../src/run/keep-rule.js';
import type { PendingRow } from '../../src/run/transform-page.js';

const row = (updatedAt: number | null, owner: unknown = 'u'): PendingRow => ({ key: 'k', values: [], owner, updatedAt, runsDropped: 0 });

describe('which v1 rows may replace the v2 row holding their key', () => {
  it('inserts a row the target does not hold', () => {
    expect(decide(undefined, row(5), true, true)).toEqual({ write: 'insert' });
  });

  it('replaces a v2 row only with a strictly newer v1 row', () => {
    expect(decide({ owner: 'u', updatedAt: 4 }, row(5), true, true)).toEqual({ write: 'update' });
    expect(decide({ owner: 'u', updatedAt: null }, row(5), true, true)).toEqual({ write: 'update' });
  });

  it('keeps a v2 row as new as the v1 row: what a migration wrote, or an edit that kept the time', () => {
    expect(decide({ owner: 'u', updatedAt: 5 }, row(5), true, true)).toEqual({ keep: KEEP.alreadyInV2 });
    expect(decide({ owner: 'u', updatedAt: null }, row(null), true, true)).toEqual({ keep: KEEP.alreadyInV2 });
  });

  it('keeps a v2 row the application changed after the migration', () => {
    expect(decide({ owner: 'u', updatedAt: 9 }, row(5), true, true)).toEqual({ keep: KEEP.changedInV2 });
    expect(decide({ owner: 'u', updatedAt: 9 }, row(null), true, true)).toEqual({ keep: KEEP.changedInV2 });
  });

  it('applies the ownership rule first, as Agno does', () => {
    expect(decide({ owner: 'other', updatedAt: 1 }, row(5), true, true)).toEqual({ skip: SKIP.otherOwner });
    expect(decide({ owner: null, updatedAt: 1 }, row(5), true, true)).toEqual({ write: 'update' });
  });
});
