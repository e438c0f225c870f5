import { columnBuilders, INDEXED, NOT_NULL, NOT_NULL_INDEXED } from '../columns.js';
import { defineTable } from '../define-table.js';
import type { Flavor, TableDef } from '../types.js';

export function learningsTable(flavor: Flavor): TableDef {
  const c = columnBuilders(flavor);
  return defineTable(
    'learnings',
    ['learning_id'],
    [
      c.varchar('learning_id', NOT_NULL),
      c.varchar('learning_type', NOT_NULL_INDEXED),
      ...['namespace', 'user_id', 'agent_id', 'team_id', 'workflow_id', 'session_id', 'entity_id', 'entity_type'].map((name) =>
        c.varchar(name, INDEXED),
      ),
      c.json('content', NOT_NULL),
      c.json('metadata'),
      c.bigint('created_at', NOT_NULL_INDEXED),
      c.bigint('updated_at'),
    ],
  );
}
