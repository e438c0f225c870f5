import type { Step } from '../../types.js';
import { learningsStep } from './learnings/index.js';
import { sessionsV3 } from './sessions.js';
import { metrics } from './metrics.js';
import { ownedTable } from './owned-tables.js';
import { schedules } from './schedules.js';

/**
 * Agno 3.0: user ownership (`user_id`) on evals, knowledge,
 * metrics, components, schedules and schedule_runs; sessions' runs move into the runs table; user
 * entity memories in learnings are re-keyed per user. memories and approvals do not change and are
 * stamped 3.0.0. Agno 3.0 removed culture: an existing culture table is kept as it is, at 2.5.6.
 */
export const v3_0_0: Step = {
  from: '2.5.6',
  to: '3.0.0',
  tables: {
    sessions: sessionsV3,
    evals: ownedTable,
    knowledge: ownedTable,
    components: ownedTable,
    schedule_runs: ownedTable,
    schedules,
    metrics,
    learnings: learningsStep,
  },
  holds: {
    culture: 'Agno 3.0 removed culture: the table is kept as it is and never stamped past 2.5.6',
  },
};
