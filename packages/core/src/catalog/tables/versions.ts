import { columnBuilders, NOT_NULL, NOT_NULL_INDEXED } from '../columns.js';
import { defineTable } from '../define-table.js';
import type { Flavor, TableDef } from '../types.js';

/** `agno_schema_versions`, byte-compatible with Agno so Python and TypeScript share it. */
export function versionsTable(flavor: Flavor): TableDef {
  const c = columnBuilders(flavor);
  return defineTable(
    'versions',
    ['table_name'],
    [
      c.str('table_name', 128, NOT_NULL),
      c.str('version', 10, NOT_NULL),
      c.str('created_at', 128, NOT_NULL_INDEXED),
      c.str('updated_at', 128),
    ],
  );
}
