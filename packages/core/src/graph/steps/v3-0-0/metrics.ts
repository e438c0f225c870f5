import { addColumn } from '../../../operations/add-column.js';
import { addUnique, dropUnique } from '../../../operations/unique.js';
import { createIndex } from '../../../operations/create-index.js';
import { dropColumn } from '../../../operations/drop-column.js';
import { dropDefault } from '../../../operations/drop-default.js';
import { dropIndex } from '../../../operations/drop-index.js';
import { dropUniqueByColumns } from '../../../operations/drop-unique-by-columns.js';
import { requireNameFits } from '../../../operations/require-name-fits.js';
import { requireNoData } from '../../../operations/require-no-data.js';
import type { Operation } from '../../../operations/types.js';
import type { StepContext, TableStep } from '../../types.js';
import { dropOwnedMetrics } from './metrics-owned-rows.js';
import { rebuildMetrics } from './metrics-rebuild.js';
import { deleteUnfinishedDay, LEGACY_KEY_COLUMNS, OWNER_KEY_COLUMNS } from './metrics-unfinished-day.js';
import { userIdColumn, userIdIndex } from './user-id.js';

/** '' is metrics' "unowned": it carries no owner, so a revert loses nothing by dropping it. */
const UNOWNED = '';

/** The 3.0 key, where the dialect's schema declares one (SingleStore declares none: error 1706). */
const ownerKey = (ctx: StepContext) => (ctx.latest.uniqueConstraints.length > 0 ? `${ctx.table}_uq_metrics_user_date_period` : null);
const legacyKey = (ctx: StepContext) => `${ctx.table}_uq_metrics_date_period`;

/**
 * In place (spec §3.3.1–3.3.2): NOT NULL user_id filled with '' through a transitional default,
 * the per-user key in place of the per-day one (found by its columns, whatever its name), the
 * unfinished day cleared, the default dropped so the column ends as a fresh table's.
 */
function upInPlace(ctx: StepContext): Operation[] {
  const key = ownerKey(ctx);
  return [
    ...(key ? [requireNameFits(key, `the 3.0 unique key of ${ctx.table}`)] : []),
    addColumn({ ...userIdColumn(ctx, false), nullable: false }, UNOWNED),
    ...(key ? [addUnique(key, OWNER_KEY_COLUMNS), dropUniqueByColumns(LEGACY_KEY_COLUMNS)] : []),
    deleteUnfinishedDay(key),
    dropDefault('user_id'),
    createIndex(userIdIndex(ctx), ['user_id']),
  ];
}

function downInPlace(ctx: StepContext): Operation[] {
  const key = ownerKey(ctx);
  return [
    requireNoData('user_id', [UNOWNED]),
    dropOwnedMetrics(),
    ...(key ? [dropUnique(key)] : []),
    dropIndex(userIdIndex(ctx)),
    dropColumn('user_id'),
    ...(key ? [addUnique(legacyKey(ctx), LEGACY_KEY_COLUMNS)] : []),
  ];
}

export const metrics: TableStep = {
  up: (ctx) => (ctx.capabilities.alterUniqueKeys ? upInPlace(ctx) : [rebuildMetrics(ctx, 'up'), deleteUnfinishedDay(ownerKey(ctx))]),
  down: (ctx) =>
    ctx.capabilities.alterUniqueKeys
      ? downInPlace(ctx)
      : [requireNoData('user_id', [UNOWNED]), dropOwnedMetrics(), rebuildMetrics(ctx, 'down')],
};
