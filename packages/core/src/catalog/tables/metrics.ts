import { columnBuilders, NOT_NULL, NOT_NULL_INDEXED } from '../columns.js';
import { defineTable } from '../define-table.js';
import type { Flavor, TableDef } from '../types.js';

export function metricsTable(flavor: Flavor): TableDef {
  const c = columnBuilders(flavor);
  // Agno indexes aggregation_period only in its SQLite and SingleStore schemas.
  const periodIndexed = flavor === 'sqlite' || flavor === 'singlestore';
  return defineTable(
    'metrics',
    ['id'],
    [
      c.str('id', 128, NOT_NULL),
      c.bigint('agent_runs_count', NOT_NULL),
      c.bigint('team_runs_count', NOT_NULL),
      c.bigint('workflow_runs_count', NOT_NULL),
      c.bigint('agent_sessions_count', NOT_NULL),
      c.bigint('team_sessions_count', NOT_NULL),
      c.bigint('workflow_sessions_count', NOT_NULL),
      c.bigint('users_count', NOT_NULL),
      c.json('token_metrics', NOT_NULL),
      c.json('model_metrics', NOT_NULL),
      c.date('date', NOT_NULL_INDEXED),
      c.str('aggregation_period', 20, periodIndexed ? NOT_NULL_INDEXED : NOT_NULL),
      c.bigint('created_at', NOT_NULL),
      c.bigint('updated_at'),
      c.boolean('completed', NOT_NULL),
    ],
    flavor === 'singlestore'
      ? {}
      : { uniqueConstraints: [{ suffix: 'uq_metrics_date_period', columns: ['date', 'aggregation_period'] }] },
  );
}
