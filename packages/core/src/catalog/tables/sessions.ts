import { columnBuilders, NOT_NULL, NOT_NULL_INDEXED } from '../columns.js';
import { defineTable } from '../define-table.js';
import { AGNO_3, hasShapeOf } from '../shape-version.js';
import type { Flavor, TableDef } from '../types.js';

/**
 * Agno 3.0 keeps runs in their own table: a fresh sessions table has no `runs` column (a migrated
 * one keeps it, see verify's known differences). Below 3.0.0 the runs were a JSON blob here.
 */
export function sessionsTable(flavor: Flavor, version?: string): TableDef {
  const c = columnBuilders(flavor);
  const legacyRuns = hasShapeOf(version, AGNO_3) ? [] : [c.json('runs')];
  return defineTable(
    'sessions',
    ['session_id'],
    [
      c.str('session_id', 128, NOT_NULL),
      c.str('session_type', 20, NOT_NULL_INDEXED),
      c.str('agent_id', 128),
      c.str('team_id', 128),
      c.str('workflow_id', 128),
      c.str('user_id', 128),
      c.json('session_data'),
      c.json('agent_data'),
      c.json('team_data'),
      c.json('workflow_data'),
      c.json('metadata'),
      ...legacyRuns,
      c.json('summary'),
      c.bigint('created_at', NOT_NULL_INDEXED),
      c.bigint('updated_at'),
    ],
    flavor === 'singlestore' ? { shardKey: ['session_id'] } : {},
  );
}
