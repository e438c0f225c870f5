import { columnBuilders, INDEXED, NOT_NULL, NOT_NULL_INDEXED } from '../columns.js';
import { defineTable } from '../define-table.js';
import type { Flavor, TableDef } from '../types.js';

export function schedulesTable(flavor: Flavor): TableDef {
  const c = columnBuilders(flavor);
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
      c.bigint('created_at', NOT_NULL_INDEXED),
      c.bigint('updated_at'),
    ],
    { compositeIndexes: [['enabled', 'next_run_at']] },
  );
}
