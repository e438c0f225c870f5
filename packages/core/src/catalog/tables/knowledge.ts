import { columnBuilders, INDEXED, NOT_NULL } from '../columns.js';
import { defineTable } from '../define-table.js';
import { AGNO_3, hasShapeOf } from '../shape-version.js';
import type { Flavor, TableDef } from '../types.js';

/**
 * Agno 3.0 adds an owner (`user_id`, indexed) as the last column; its PostgreSQL and SQLite schemas
 * also index (user_id, linked_to).
 */
export function knowledgeTable(flavor: Flavor, version?: string): TableDef {
  const c = columnBuilders(flavor);
  const owned = hasShapeOf(version, AGNO_3);
  const ownerComposite = owned && (flavor === 'postgres' || flavor === 'sqlite');
  return defineTable(
    'knowledge',
    ['id'],
    [
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
      ...(owned ? [c.str('user_id', 128, INDEXED)] : []),
    ],
    ownerComposite ? { compositeIndexes: [['user_id', 'linked_to']] } : {},
  );
}
