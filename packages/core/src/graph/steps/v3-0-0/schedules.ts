import type { Flavor, LogicalType } from '../../../catalog/types.js';
import { SCHEDULE_PROVENANCE_COLUMNS } from '../../../catalog/tables/schedules.js';
import { addColumn } from '../../../operations/add-column.js';
import { createIndex } from '../../../operations/create-index.js';
import { dropColumn } from '../../../operations/drop-column.js';
import { dropIndex } from '../../../operations/drop-index.js';
import { requireNoData } from '../../../operations/require-no-data.js';
import type { StepContext, TableStep } from '../../types.js';
import { checkScheduleNames } from './schedule-names.js';
import { addOwner, dropOwner } from './user-id.js';

/** Studio's provenance of a schedule, in Agno 3.0's column order (the catalog's list). */
const PROVENANCE = SCHEDULE_PROVENANCE_COLUMNS;
const PROVENANCE_INDEXED = ['managed_by', 'target_id'] as const;

/** Agno's SQLite migration adds the provenance columns as TEXT, its PostgreSQL one as VARCHAR (spec §3.3.3). */
const PROVENANCE_TYPE: Readonly<Record<Flavor, LogicalType>> = {
  postgres: { kind: 'string' },
  sqlite: { kind: 'text' },
  mysql: { kind: 'string', length: 128 },
  singlestore: { kind: 'string', length: 128 },
};

/** Agno 3.0's partial unique indexes: one name per owner, and one per unowned (NULL) bucket. */
const uniqueNames = (ctx: StepContext) => [
  { name: `${ctx.table}_uq_user_name`, columns: ['user_id', 'name'], where: 'user_id IS NOT NULL' },
  { name: `${ctx.table}_uq_unowned_name`, columns: ['name'], where: 'user_id IS NULL' },
];

export const schedules: TableStep = {
  up: (ctx) => [
    ...addOwner(ctx),
    ...PROVENANCE.map((name) => addColumn({ name, type: PROVENANCE_TYPE[ctx.flavor], nullable: true })),
    ...PROVENANCE_INDEXED.map((column) => createIndex(`idx_${ctx.table}_${column}`, [column])),
    checkScheduleNames(uniqueNames(ctx).map((u) => u.name)),
    ...uniqueNames(ctx).map((u) => createIndex(u.name, u.columns, true, u.where)),
  ],
  down: (ctx) => [
    requireNoData('user_id'),
    ...PROVENANCE.map((column) => requireNoData(column)),
    // The unowned bucket's index names user_id only in its predicate: it goes first, by name.
    ...uniqueNames(ctx).map((u) => dropIndex(u.name)),
    ...dropOwner(ctx, [], false),
    ...PROVENANCE_INDEXED.map((column) => dropIndex(`idx_${ctx.table}_${column}`)),
    ...PROVENANCE.map((column) => dropColumn(column)),
  ],
};
