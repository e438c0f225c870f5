import { columnBuilders, NOT_NULL, NOT_NULL_INDEXED } from '../columns.js';
import { defineTable } from '../define-table.js';
import type { Flavor, TableDef } from '../types.js';

/** Only Agno's PostgreSQL schema has the foreign key and deleted_at. */
export function componentConfigsTable(flavor: Flavor): TableDef {
  const c = columnBuilders(flavor);
  const postgres = flavor === 'postgres';
  return defineTable(
    'component_configs',
    ['component_id', 'version'],
    [
      c.varchar('component_id', NOT_NULL),
      c.integer('version', NOT_NULL),
      c.varchar('label'),
      c.varchar('stage', NOT_NULL_INDEXED),
      c.json('config', NOT_NULL),
      c.longText('notes'),
      c.bigint('created_at', NOT_NULL_INDEXED),
      c.bigint('updated_at'),
      ...(postgres ? [c.bigint('deleted_at')] : []),
    ],
    postgres ? { foreignKeys: [{ columns: ['component_id'], references: { tableType: 'components', columns: ['component_id'] } }] } : {},
  );
}
