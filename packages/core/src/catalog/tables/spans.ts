import { columnBuilders, INDEXED, NOT_NULL, NOT_NULL_INDEXED } from '../columns.js';
import { defineTable } from '../define-table.js';
import type { Flavor, TableDef } from '../types.js';

export function spansTable(flavor: Flavor): TableDef {
  const c = columnBuilders(flavor);
  return defineTable(
    'spans',
    ['span_id'],
    [
      c.str('span_id', 128, NOT_NULL),
      c.str('trace_id', 128, NOT_NULL_INDEXED),
      c.str('parent_span_id', 128, INDEXED),
      c.str('name', { mysql: 255, singlestore: 512 }, NOT_NULL),
      c.str('span_kind', 50, NOT_NULL),
      c.str('status_code', { mysql: 50, singlestore: 20 }, NOT_NULL),
      c.longText('status_message'),
      c.str('start_time', { mysql: 128, singlestore: 64 }, NOT_NULL_INDEXED),
      c.str('end_time', { mysql: 128, singlestore: 64 }, NOT_NULL),
      c.bigint('duration_ms', NOT_NULL),
      c.json('attributes'),
      c.str('created_at', { mysql: 128, singlestore: 64 }, NOT_NULL_INDEXED),
    ],
    { foreignKeys: [{ columns: ['trace_id'], references: { tableType: 'traces', columns: ['trace_id'] } }] },
  );
}
