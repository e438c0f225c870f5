import { columnBuilders, INDEXED, NOT_NULL, NOT_NULL_INDEXED } from '../columns.js';
import { defineTable } from '../define-table.js';
import { AGNO_3, hasShapeOf } from '../shape-version.js';
import type { Flavor, TableDef } from '../types.js';

/** Agno 3.0 adds an owner (`user_id`, indexed) after name. */
export function componentsTable(flavor: Flavor, version?: string): TableDef {
  const c = columnBuilders(flavor);
  const owner = hasShapeOf(version, AGNO_3) ? [c.varchar('user_id', INDEXED)] : [];
  return defineTable(
    'components',
    ['component_id'],
    [
      c.varchar('component_id', NOT_NULL),
      c.varchar('component_type', NOT_NULL_INDEXED),
      // Agno's PostgreSQL schema lets a component be nameless; its SQLite schema does not.
      c.varchar('name', flavor === 'sqlite' ? NOT_NULL_INDEXED : INDEXED),
      ...owner,
      c.longText('description'),
      c.integer('current_version', INDEXED),
      c.json('metadata'),
      c.bigint('created_at', NOT_NULL_INDEXED),
      c.bigint('updated_at'),
      c.bigint('deleted_at'),
    ],
  );
}
