import { requireNoNulls, requireUnique } from '../../operations/preconditions.js';
import { addPrimaryKey, dropPrimaryKey } from '../../operations/primary-key.js';
import { addUnique, dropUnique } from '../../operations/unique.js';
import type { Step } from '../types.js';

/** sessions gains PRIMARY KEY (session_id) in place of the `<table>_uq_session_id` unique constraint. */
export const v2_5_0: Step = {
  from: '2.3.0',
  to: '2.5.0',
  tables: {
    sessions: {
      up: (ctx) => [
        requireNoNulls('session_id'),
        requireUnique('session_id'),
        addPrimaryKey(['session_id']),
        dropUnique(`${ctx.table}_uq_session_id`),
      ],
      down: (ctx) => [addUnique(`${ctx.table}_uq_session_id`, ['session_id']), dropPrimaryKey()],
    },
  },
};
