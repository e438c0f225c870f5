import { columnBuilders, INDEXED, NOT_NULL, NOT_NULL_INDEXED } from '../columns.js';
import { defineTable } from '../define-table.js';
import type { Flavor, TableDef } from '../types.js';

/** Timestamps here are ISO strings, not epoch seconds; SingleStore's lengths differ from MySQL's. */
export function tracesTable(flavor: Flavor): TableDef {
  const c = columnBuilders(flavor);
  return defineTable(
    'traces',
    ['trace_id'],
    [
      c.str('trace_id', 128, NOT_NULL),
      c.str('name', { mysql: 255, singlestore: 512 }, NOT_NULL),
      c.str('status', { mysql: 50, singlestore: 20 }, NOT_NULL_INDEXED),
      c.str('start_time', { mysql: 128, singlestore: 64 }, NOT_NULL_INDEXED),
      c.str('end_time', { mysql: 128, singlestore: 64 }, NOT_NULL),
      c.bigint('duration_ms', NOT_NULL),
      c.str('run_id', 128, INDEXED),
      c.str('session_id', 128, INDEXED),
      c.str('user_id', 128, INDEXED),
      c.str('agent_id', 128, INDEXED),
      c.str('team_id', 128, INDEXED),
      c.str('workflow_id', 128, INDEXED),
      c.str('created_at', { mysql: 128, singlestore: 64 }, NOT_NULL_INDEXED),
    ],
  );
}
