import { columnBuilders, INDEXED, NOT_NULL, NOT_NULL_INDEXED } from '../columns.js';
import { defineTable } from '../define-table.js';
import { AGNO_3, hasShapeOf } from '../shape-version.js';
import type { Flavor, TableDef } from '../types.js';

/** Agno 3.0 adds an owner (`user_id`, indexed) after requirements. */
export function scheduleRunsTable(flavor: Flavor, version?: string): TableDef {
  const c = columnBuilders(flavor);
  const owner = hasShapeOf(version, AGNO_3) ? [c.varchar('user_id', INDEXED)] : [];
  return defineTable(
    'schedule_runs',
    ['id'],
    [
      c.varchar('id', NOT_NULL),
      c.varchar('schedule_id', NOT_NULL_INDEXED),
      c.bigint('attempt', NOT_NULL),
      c.bigint('triggered_at'),
      c.bigint('completed_at'),
      c.varchar('status', NOT_NULL_INDEXED),
      c.bigint('status_code'),
      c.varchar('run_id'),
      c.varchar('session_id'),
      c.longText('error'),
      c.json('input'),
      c.json('output'),
      c.json('requirements'),
      ...owner,
      c.bigint('created_at', NOT_NULL_INDEXED),
    ],
    { foreignKeys: [{ columns: ['schedule_id'], references: { tableType: 'schedules', columns: ['id'] }, onDelete: 'CASCADE' }] },
  );
}
