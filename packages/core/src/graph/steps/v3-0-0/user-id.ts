import type { ColumnDef } from '../../../catalog/types.js';
import { addColumn } from '../../../operations/add-column.js';
import { createIndex } from '../../../operations/create-index.js';
import { dropColumn } from '../../../operations/drop-column.js';
import { dropIndex } from '../../../operations/drop-index.js';
import { requireNoData } from '../../../operations/require-no-data.js';
import type { Operation } from '../../../operations/types.js';
import type { StepContext } from '../../types.js';

/**
 * The owner column Agno 3.0 adds to evals, knowledge, components, schedules, schedule_runs and
 * metrics, compiled from the table's 3.0 schema entry (spec §3.3): VARCHAR on PostgreSQL and SQLite,
 * VARCHAR(128) on the MySQL family; nullable except on metrics.
 */
export function userIdColumn(ctx: StepContext, nullable = true): ColumnDef {
  const declared = ctx.latest.columns.find((c) => c.name === 'user_id');
  return declared ?? { name: 'user_id', type: { kind: 'string', length: 128 }, nullable, index: true };
}

export const userIdIndex = (ctx: StepContext) => `idx_${ctx.table}_user_id`;

/** The 3.0 schema's composite indexes that contain user_id (knowledge, schedules), named as Agno names them. */
export function ownerComposites(ctx: StepContext): readonly (readonly string[])[] {
  return ctx.latest.compositeIndexes.filter((columns) => columns.includes('user_id'));
}

const compositeName = (ctx: StepContext, columns: readonly string[]) => `idx_${ctx.table}_${columns.join('_')}`;

/** Column, its index, then the composites that need it (spec §3.3.1 steps 2, 4, 5). */
export function addOwner(ctx: StepContext): Operation[] {
  return [
    addColumn({ ...userIdColumn(ctx), nullable: true }),
    createIndex(userIdIndex(ctx), ['user_id']),
    ...ownerComposites(ctx).map((columns) => createIndex(compositeName(ctx, columns), columns)),
  ];
}

/**
 * The revert (spec §3.4), made explicit about data: owners held in user_id go nowhere in the 2.x
 * shape, so the revert refuses while any row has one, unless forced.
 */
export function dropOwner(ctx: StepContext, carriesNothing: readonly string[] = [], guarded = true): Operation[] {
  return [
    ...(guarded ? [requireNoData('user_id', carriesNothing)] : []),
    ...ownerComposites(ctx).map((columns) => dropIndex(compositeName(ctx, columns))),
    dropIndex(userIdIndex(ctx)),
    dropColumn('user_id'),
  ];
}
