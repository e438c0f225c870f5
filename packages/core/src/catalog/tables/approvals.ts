import { columnBuilders, INDEXED, NOT_NULL, NOT_NULL_INDEXED } from '../columns.js';
import { defineTable } from '../define-table.js';
import type { Flavor, TableDef } from '../types.js';

export function approvalsTable(flavor: Flavor): TableDef {
  const c = columnBuilders(flavor);
  return defineTable(
    'approvals',
    ['id'],
    [
      c.str('id', 128, NOT_NULL),
      c.str('run_id', 128, NOT_NULL_INDEXED),
      c.str('session_id', 128, NOT_NULL_INDEXED),
      c.str('status', 50, NOT_NULL_INDEXED),
      c.str('source_type', 50, NOT_NULL_INDEXED),
      c.str('approval_type', 50, INDEXED),
      c.str('pause_type', 50, NOT_NULL_INDEXED),
      c.str('tool_name', 255),
      c.json('tool_args'),
      c.bigint('expires_at'),
      c.str('agent_id', 128, INDEXED),
      c.str('team_id', 128, INDEXED),
      c.str('workflow_id', 128, INDEXED),
      c.str('user_id', 128, INDEXED),
      c.str('schedule_id', 128, INDEXED),
      c.str('schedule_run_id', 128, INDEXED),
      c.str('source_name', 255),
      c.json('requirements'),
      c.json('context'),
      c.json('resolution_data'),
      c.str('resolved_by', 128),
      c.bigint('resolved_at'),
      c.bigint('created_at', NOT_NULL_INDEXED),
      c.bigint('updated_at'),
      c.str('run_status', 50, INDEXED),
    ],
  );
}
