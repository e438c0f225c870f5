import { columnBuilders, NOT_NULL } from '../columns.js';
import { defineTable } from '../define-table.js';
import type { Flavor, TableDef } from '../types.js';

export function knowledgeTable(flavor: Flavor): TableDef {
  const c = columnBuilders(flavor);
  return defineTable('knowledge', ['id'], [
    c.str('id', 128, NOT_NULL),
    c.str('name', 255, NOT_NULL),
    c.longText('description', NOT_NULL),
    c.json('metadata'),
    c.str('type', 50),
    c.bigint('size'),
    c.str('linked_to', 128),
    c.bigint('access_count'),
    c.str('status', 50),
    c.longText('status_message'),
    c.bigint('created_at'),
    c.bigint('updated_at'),
    c.str('external_id', 128),
  ]);
}
