import { columnBuilders, INDEXED, NOT_NULL, NOT_NULL_INDEXED } from '../columns.js';
import { defineTable } from '../define-table.js';
import { AGNO_3, hasShapeOf } from '../shape-version.js';
import type { Flavor, TableDef } from '../types.js';

/** The columns Agno 3.0 adds after locked_at, in its order: the owner, then Studio's provenance. */
export const SCHEDULE_PROVENANCE_COLUMNS = [
  'managed_by',
  'target_type',
  'target_id',
  'created_by_run_id',
  'created_by_session_id',
  'updated_by_run_id',
  'updated_by_session_id',
  'disabled_reason',
] as const;

const INDEXED_PROVENANCE = new Set<string>(['managed_by', 'target_id']);

/**
 * Agno 3.0 adds an owner and eight provenance columns, an owner-first composite index, and makes a
 * schedule's name unique per owner (and among unowned schedules) with two partial unique indexes.
 */
export function schedulesTable(flavor: Flavor, version?: string): TableDef {
  const c = columnBuilders(flavor);
  const owned = hasShapeOf(version, AGNO_3);
  const ownership = owned
    ? [
        c.varchar('user_id', INDEXED),
        ...SCHEDULE_PROVENANCE_COLUMNS.map((name) => c.varchar(name, INDEXED_PROVENANCE.has(name) ? INDEXED : {})),
      ]
    : [];
  return defineTable(
    'schedules',
    ['id'],
    [
      c.varchar('id', NOT_NULL),
      c.varchar('name', NOT_NULL_INDEXED),
      c.longText('description'),
      c.varchar('method', NOT_NULL),
      c.varchar('endpoint', NOT_NULL),
      c.json('payload'),
      c.varchar('cron_expr', NOT_NULL),
      c.varchar('timezone', NOT_NULL),
      c.bigint('timeout_seconds', NOT_NULL),
      c.bigint('max_retries', NOT_NULL),
      c.bigint('retry_delay_seconds', NOT_NULL),
      c.boolean('enabled', NOT_NULL),
      c.bigint('next_run_at', INDEXED),
      c.varchar('locked_by'),
      c.bigint('locked_at'),
      ...ownership,
      c.bigint('created_at', NOT_NULL_INDEXED),
      c.bigint('updated_at'),
    ],
    owned
      ? {
          compositeIndexes: [
            ['enabled', 'next_run_at'],
            ['user_id', 'enabled', 'next_run_at'],
          ],
          partialUniqueIndexes: [
            { suffix: 'uq_user_name', columns: ['user_id', 'name'], where: 'user_id IS NOT NULL' },
            { suffix: 'uq_unowned_name', columns: ['name'], where: 'user_id IS NULL' },
          ],
        }
      : { compositeIndexes: [['enabled', 'next_run_at']] },
  );
}
