import { columnBuilders, INDEXED, NOT_NULL, NOT_NULL_INDEXED } from '../columns.js';
import { defineTable } from '../define-table.js';
import { AGNO_3, hasShapeOf } from '../shape-version.js';
import type { Flavor, TableDef } from '../types.js';

/**
 * Agno 3.0 adds an owner (`user_id`, indexed): before created_at in its PostgreSQL and SQLite
 * schemas, last in its MySQL and SingleStore ones.
 */
export function evalsTable(flavor: Flavor, version?: string): TableDef {
  const c = columnBuilders(flavor);
  const owner = hasShapeOf(version, AGNO_3) ? [c.str('user_id', 128, INDEXED)] : [];
  const ownerLast = flavor === 'mysql' || flavor === 'singlestore';
  return defineTable(
    'evals',
    ['run_id'],
    [
      c.str('run_id', 128, NOT_NULL),
      c.str('eval_type', 50, NOT_NULL),
      c.json('eval_data', NOT_NULL),
      c.json('eval_input', NOT_NULL),
      c.str('name', 255),
      c.str('agent_id', 128),
      c.str('team_id', 128),
      c.str('workflow_id', 128),
      c.str('model_id', 128),
      c.str('model_provider', { mysql: 128, singlestore: 50 }),
      c.str('evaluated_component_name', 255),
      ...(ownerLast ? [] : owner),
      c.bigint('created_at', NOT_NULL_INDEXED),
      c.bigint('updated_at'),
      ...(ownerLast ? owner : []),
    ],
  );
}
