import type { TableStep } from '../../types.js';
import { addOwner, dropOwner } from './user-id.js';

/**
 * evals, knowledge, components and schedule_runs gain a nullable owner: existing rows keep NULL,
 * which Agno 3.0 reads as shared. (components and schedule_runs exist on PostgreSQL and SQLite only;
 * the manager never visits them elsewhere.)
 */
export const ownedTable: TableStep = {
  up: (ctx) => addOwner(ctx),
  down: (ctx) => dropOwner(ctx),
};
