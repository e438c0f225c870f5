import { columnBuilders, NOT_NULL, NOT_NULL_INDEXED } from '../columns.js';
import { defineTable } from '../define-table.js';
import type { Flavor, TableDef } from '../types.js';

export function scheduleRunsTable(flavor: Flavor): TableDef {
  const c = columnBuilders(flavor);
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
      c.bigint('created_at', NOT_NULL_INDEXED),
    ],
    { foreignKeys: [{ columns: ['schedule_id'], references: { tableType: 'schedules', columns: ['id'] }, onDelete: 'CASCADE' }] },
  );
}
