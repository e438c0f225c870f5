import { columnBuilders, INDEXED, NOT_NULL, NOT_NULL_INDEXED } from '../columns.js';
import { defineTable } from '../define-table.js';
import type { Flavor, TableDef } from '../types.js';

/** A composite primary key everywhere; the foreign keys exist only in Agno's PostgreSQL schema. */
export function componentLinksTable(flavor: Flavor): TableDef {
  const c = columnBuilders(flavor);
  return defineTable(
    'component_links',
    ['parent_component_id', 'parent_version', 'link_kind', 'link_key'],
    [
      c.varchar('parent_component_id', NOT_NULL),
      c.integer('parent_version', NOT_NULL),
      c.varchar('link_kind', NOT_NULL_INDEXED),
      c.varchar('link_key', NOT_NULL),
      c.varchar('child_component_id', NOT_NULL),
      c.integer('child_version'),
      c.integer('position', NOT_NULL),
      c.json('meta'),
      c.bigint('created_at', INDEXED),
      c.bigint('updated_at'),
    ],
    flavor === 'postgres'
      ? {
          foreignKeys: [
            { columns: ['child_component_id'], references: { tableType: 'components', columns: ['component_id'] } },
            {
              columns: ['parent_component_id', 'parent_version'],
              references: { tableType: 'component_configs', columns: ['component_id', 'version'] },
              suffix: 'parent_component_id_parent_version_fkey',
            },
          ],
        }
      : {},
  );
}
