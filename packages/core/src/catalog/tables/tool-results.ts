import { columnBuilders, INDEXED, NOT_NULL } from '../columns.js';
import { defineTable } from '../define-table.js';
import type { Flavor, TableDef } from '../types.js';

/**
 * Agno 3.0's offloaded tool results (PostgreSQL and SQLite): a result's content lives at
 * (namespace, path), with a preview here. No foreign key; user_id is not indexed.
 */
export function toolResultsTable(flavor: Flavor): TableDef {
  const c = columnBuilders(flavor);
  return defineTable(
    'tool_results',
    ['result_id'],
    [
      c.varchar('result_id', NOT_NULL),
      ...['namespace', 'path', 'session_id', 'run_id', 'tool_call_id', 'tool_name', 'args_hash', 'content_type'].map((name) =>
        c.varchar(name, NOT_NULL),
      ),
      c.bigint('size_bytes', NOT_NULL),
      c.bigint('line_count', NOT_NULL),
      c.longText('preview', NOT_NULL),
      c.varchar('user_id'),
      c.bigint('created_at', NOT_NULL),
      c.bigint('expires_at', INDEXED),
    ],
    {
      compositeIndexes: [['session_id', 'created_at']],
      uniqueConstraints: [{ suffix: 'uq_tool_results_namespace_path', columns: ['namespace', 'path'] }],
    },
  );
}
