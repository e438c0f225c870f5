import { addColumn } from '../../operations/add-column.js';
import { backfill } from '../../operations/backfill.js';
import { createIndex } from '../../operations/create-index.js';
import { dropColumn } from '../../operations/drop-column.js';
import { dropIndex } from '../../operations/drop-index.js';
import { jsonToJsonb } from '../../operations/json-to-jsonb.js';
import { requireNoData } from '../../operations/require-no-data.js';
import { setNotNull } from '../../operations/set-not-null.js';
import { coalesce, col, value } from '../../sql/expression.js';
import type { Step, StepContext, TableStep } from '../types.js';

function latestColumn(ctx: StepContext, name: string) {
  const column = ctx.latest.columns.find((c) => c.name === name);
  if (!column) throw new Error(`catalog: ${ctx.latest.tableType} has no column ${name}`);
  return column;
}

/** JSON → JSONB on PostgreSQL only; Agno never reverts it, and neither do we (no data change). */
const jsonbOnly = (...columns: string[]): TableStep => ({
  up: () => [jsonToJsonb(...columns)],
  down: () => [],
});

const memories: TableStep = {
  up: (ctx) => [
    addColumn({ ...latestColumn(ctx, 'created_at'), nullable: true }),
    backfill('created_at', coalesce(col('updated_at'), value(ctx.now))),
    setNotNull('created_at'),
    createIndex(`idx_${ctx.table}_created_at`, ['created_at']),
    addColumn(latestColumn(ctx, 'feedback')),
    jsonToJsonb('memory', 'topics'),
  ],
  down: (ctx) => [
    // Feedback a person wrote has nowhere to go in the 2.0 shape: the revert refuses unless forced.
    requireNoData('feedback'),
    dropColumn('feedback'),
    dropIndex(`idx_${ctx.table}_created_at`),
    dropColumn('created_at'),
  ],
};

export const v2_3_0: Step = {
  from: '2.0.0',
  to: '2.3.0',
  tables: {
    memories,
    sessions: jsonbOnly('session_data', 'agent_data', 'team_data', 'workflow_data', 'metadata', 'runs', 'summary'),
    evals: jsonbOnly('eval_data', 'eval_input'),
    metrics: jsonbOnly('token_metrics', 'model_metrics'),
    knowledge: jsonbOnly('metadata'),
    // Agno converts only metadata and leaves content JSON, while its fresh tables have JSONB there:
    // converting content too makes a migrated table match a fresh one (no data changes).
    culture: jsonbOnly('metadata', 'content'),
  },
};
