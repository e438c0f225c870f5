import { columnBuilders, NOT_NULL, NOT_NULL_INDEXED } from '../columns.js';
import { defineTable } from '../define-table.js';
import { AGNO_3, hasShapeOf } from '../shape-version.js';
import type { Flavor, TableDef } from '../types.js';

/**
 * Agno 3.0 keeps metrics per user: `user_id` NOT NULL (`''` for unowned rows; the default is
 * client-side, never in the DDL) after aggregation_period, and the unique key becomes
 * (user_id, date, aggregation_period). SingleStore has no unique key at all (its columnstore
 * refuses one; Agno checks before writing).
 */
export function metricsTable(flavor: Flavor, version?: string): TableDef {
  const c = columnBuilders(flavor);
  const perUser = hasShapeOf(version, AGNO_3);
  // Agno indexes aggregation_period only in its SQLite and SingleStore schemas.
  const periodIndexed = flavor === 'sqlite' || flavor === 'singlestore';
  const unique = perUser
    ? { suffix: 'uq_metrics_user_date_period', columns: ['user_id', 'date', 'aggregation_period'] }
    : { suffix: 'uq_metrics_date_period', columns: ['date', 'aggregation_period'] };
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
      ...(perUser ? [c.str('user_id', 128, NOT_NULL_INDEXED)] : []),
      c.bigint('created_at', NOT_NULL),
      c.bigint('updated_at'),
      c.boolean('completed', NOT_NULL),
    ],
    flavor === 'singlestore' ? {} : { uniqueConstraints: [unique] },
  );
}
