import { findColumn } from '../../../dialect/table-state.js';
import { task } from '../../../operations/task.js';
import type { Task } from '../../../operations/types.js';
import { sql } from '../../../sql/statement.js';

/**
 * A forced revert of metrics: the 2.x key holds one row per day and period, so the per-user rows
 * cannot stay. They are aggregates Agno rebuilds from the sessions; the unowned rows are kept.
 */
export function dropOwnedMetrics(): Task {
  return task(
    'delete the per-user metric rows the 2.x key cannot hold (forced revert)',
    function* (ctx) {
      const d = ctx.dialect.emitter;
      const c = d.quoteIdent('user_id');
      const result = yield* ctx.write(
        sql(`DELETE FROM ${d.qualify(ctx.table)} WHERE ${c} IS NOT NULL AND ${c} <> ${d.placeholder(1)}`, ['']),
      );
      return { report: result ? { deleted_rows: result.affectedRows } : {} };
    },
    { isNeeded: (state, ctx) => ctx.force === true && findColumn(state, 'user_id') !== undefined },
  );
}
