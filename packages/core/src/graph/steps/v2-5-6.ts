import { addColumn } from '../../operations/add-column.js';
import { createIndex } from '../../operations/create-index.js';
import { dropColumn } from '../../operations/drop-column.js';
import { dropIndex } from '../../operations/drop-index.js';
import type { Step } from '../types.js';

/** approvals.run_status, as Agno's migration adds it: TEXT with an `ix_` index (fresh tables differ). */
export const v2_5_6: Step = {
  from: '2.5.0',
  to: '2.5.6',
  tables: {
    approvals: {
      up: (ctx) => [
        addColumn({ name: 'run_status', type: { kind: 'text' }, nullable: true }),
        createIndex(`ix_${ctx.table}_run_status`, ['run_status']),
      ],
      down: (ctx) => [dropIndex(`ix_${ctx.table}_run_status`), dropColumn('run_status')],
    },
  },
};
