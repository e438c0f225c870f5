import { columnBuilders, NOT_NULL, NOT_NULL_INDEXED } from '../columns.js';
import { defineTable } from '../define-table.js';
import type { Flavor, TableDef } from '../types.js';

export function cultureTable(flavor: Flavor): TableDef {
  const c = columnBuilders(flavor);
  return defineTable(
    'culture',
    ['id'],
    [
      c.str('id', 128, NOT_NULL),
      c.str('name', 255, NOT_NULL_INDEXED),
      c.longText('summary'),
      c.json('content'),
      c.json('metadata'),
      c.longText('input'),
      c.bigint('created_at'),
      c.bigint('updated_at'),
      c.str('agent_id', 128),
      c.str('team_id', 128),
    ],
  );
}
