import { columnBuilders, NOT_NULL, NOT_NULL_INDEXED } from '../columns.js';
import { defineTable } from '../define-table.js';
import type { Flavor, TableDef } from '../types.js';

export function sessionsTable(flavor: Flavor): TableDef {
  const c = columnBuilders(flavor);
  return defineTable(
    'sessions',
    ['session_id'],
    [
      c.str('session_id', 128, NOT_NULL),
      c.str('session_type', 20, NOT_NULL_INDEXED),
      c.str('agent_id', 128),
      c.str('team_id', 128),
      c.str('workflow_id', 128),
      c.str('user_id', 128),
      c.json('session_data'),
      c.json('agent_data'),
      c.json('team_data'),
      c.json('workflow_data'),
      c.json('metadata'),
      c.json('runs'),
      c.json('summary'),
      c.bigint('created_at', NOT_NULL_INDEXED),
      c.bigint('updated_at'),
    ],
    flavor === 'singlestore' ? { shardKey: ['session_id'] } : {},
  );
}
