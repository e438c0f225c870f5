import { columnBuilders, INDEXED, NOT_NULL, NOT_NULL_INDEXED } from '../columns.js';
import { defineTable } from '../define-table.js';
import type { Flavor, TableDef } from '../types.js';

export function memoriesTable(flavor: Flavor): TableDef {
  const c = columnBuilders(flavor);
  return defineTable(
    'memories',
    ['memory_id'],
    [
      c.str('memory_id', 128, NOT_NULL),
      c.json('memory', NOT_NULL),
      c.longText('feedback'),
      c.longText('input'),
      c.str('agent_id', 128),
      c.str('team_id', 128),
      c.str('user_id', 128, INDEXED),
      c.json('topics'),
      c.bigint('created_at', NOT_NULL_INDEXED),
      c.bigint('updated_at', INDEXED),
    ],
  );
}
