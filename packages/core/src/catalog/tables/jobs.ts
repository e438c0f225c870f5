import { columnBuilders, NOT_NULL, NOT_NULL_INDEXED } from '../columns.js';
import { defineTable } from '../define-table.js';
import type { Flavor, TableDef } from '../types.js';

/**
 * Agno 3.0's durable background jobs (PostgreSQL only). id is the run's id; status is queued,
 * running, completed, failed or cancelled. An idempotency key is unique per user, and among jobs
 * without a user.
 */
export function jobsTable(flavor: Flavor): TableDef {
  const c = columnBuilders(flavor);
  return defineTable(
    'jobs',
    ['id'],
    [
      c.varchar('id', NOT_NULL),
      c.varchar('component_type', NOT_NULL),
      c.varchar('job_type', NOT_NULL),
      c.varchar('deployment_id'),
      c.varchar('component_id', NOT_NULL_INDEXED),
      c.varchar('session_id', NOT_NULL_INDEXED),
      c.varchar('user_id'),
      c.json('payload', NOT_NULL),
      c.varchar('status', NOT_NULL_INDEXED),
      c.bigint('attempt', NOT_NULL),
      c.bigint('max_attempts', NOT_NULL),
      c.varchar('idempotency_key'),
      c.bigint('available_at', NOT_NULL),
      c.varchar('locked_by'),
      c.bigint('locked_at'),
      c.longText('error'),
      c.bigint('created_at', NOT_NULL_INDEXED),
      c.bigint('updated_at'),
      c.bigint('completed_at'),
    ],
    {
      compositeIndexes: [['status', 'available_at']],
      partialUniqueIndexes: [
        { suffix: 'uq_jobs_idempotency_key', columns: ['idempotency_key', 'user_id'], where: 'idempotency_key IS NOT NULL' },
        { suffix: 'uq_jobs_idempotency_key_anon', columns: ['idempotency_key'], where: 'idempotency_key IS NOT NULL AND user_id IS NULL' },
      ],
    },
  );
}
