import { SKIP } from '../map/types.js';
import type { ExistingRow } from './existing-rows.js';
import type { PendingRow } from './transform-page.js';

/** Why a v1 row was not written over the v2 row already holding its key. */
export const KEEP = {
  changedInV2: "changed in v2 after the migration (its updated_at is later than the v1 row's)",
  alreadyInV2: 'already in v2 with the same updated_at as the v1 row',
} as const;

export type Decision = { readonly write: 'insert' | 'update' } | { readonly skip: string } | { readonly keep: string };

/**
 * What to do with one transformed row, given the target row holding its key (if any). A v2 row is
 * only replaced by a v1 row that is strictly newer: an equal update time means the row is what a
 * migration wrote (or the application edited it without a later time), a later one that the
 * application changed it since. Either way the v2 row is kept, so a re-run or a resumed run never
 * reverts the application's writes. Agno's ownership rule comes first, as in its script.
 */
export function decide(existing: ExistingRow | undefined, write: PendingRow, ownerRule: boolean, newerRule: boolean): Decision {
  if (existing === undefined) return { write: 'insert' };
  if (ownerRule && existing.owner !== null && existing.owner !== undefined && existing.owner !== write.owner)
    return { skip: SKIP.otherOwner };
  if (!newerRule) return { write: 'update' };
  const mine = write.updatedAt;
  const theirs = existing.updatedAt;
  if (mine !== null && (theirs === null || theirs < mine)) return { write: 'update' };
  return { keep: mine === theirs ? KEEP.alreadyInV2 : KEEP.changedInV2 };
}
