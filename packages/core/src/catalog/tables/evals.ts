import { columnBuilders, NOT_NULL, NOT_NULL_INDEXED } from '../columns.js';
import { defineTable } from '../define-table.js';
import type { Flavor, TableDef } from '../types.js';

export function evalsTable(flavor: Flavor): TableDef {
  const c = columnBuilders(flavor);
  return defineTable('evals', ['run_id'], [
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
    c.bigint('created_at', NOT_NULL_INDEXED),
    c.bigint('updated_at'),
  ]);
}
