import { findColumn, findUnique } from '../../../dialect/table-state.js';
import type { TableState } from '../../../dialect/table-state.js';
import { uniqueKeysOver } from '../../../operations/drop-unique-by-columns.js';
import { task } from '../../../operations/task.js';
import type { Task, TaskContext } from '../../../operations/types.js';
import { sql } from '../../../sql/statement.js';

export const LEGACY_KEY_COLUMNS = ['date', 'aggregation_period'] as const;
export const OWNER_KEY_COLUMNS = ['user_id', 'date', 'aggregation_period'] as const;

/**
 * Whether this step changes the table's owner column or its key — the only case Agno clears the
 * unfinished day — or a run stopped before finishing it: the transitional default on user_id is
 * dropped only after the delete, so while it is there the delete is still owed (DDL that commits on
 * its own could otherwise have done the column and the key, and skipped the day).
 */
export function changesOwnership(state: TableState, ownerKey: string | null): boolean {
  const owner = findColumn(state, 'user_id');
  if (!owner || owner.defaultValue != null) return true;
  if (ownerKey === null) return false;
  return !findUnique(state, ownerKey) || uniqueKeysOver(state, LEGACY_KEY_COLUMNS).length > 0;
}

/**
 * Agno 3.0 deletes the newest day's unowned rows when that day is not finished (no completed row on
 * or after it): they were aggregated under the old key, and Agno's next aggregation rebuilds them.
 * Only when the column was added or the key changed, so a re-run never deletes a second day.
 */
export function deleteUnfinishedDay(ownerKey: string | null): Task {
  return task(
    'delete the unfinished newest day of unowned metrics, which Agno re-aggregates',
    function* (ctx: TaskContext) {
      const d = ctx.dialect.emitter;
      const q = (n: string) => d.quoteIdent(n);
      const t = d.qualify(ctx.table);
      const [row] = (yield* ctx.read(
        sql(
          `SELECT ${d.dateAsText(`MAX(${q('date')})`)} AS ${q('newest')}, ` +
            `${d.dateAsText(`MAX(CASE WHEN ${q('completed')} THEN ${q('date')} END)`)} AS ${q('last')} FROM ${t}`,
        ),
      )).rows;
      const newest = row?.['newest'] == null ? null : String(row['newest']);
      const last = row?.['last'] == null ? null : String(row['last']);
      if (newest === null || (last !== null && newest <= last)) return { report: { deleted_day: null } };
      const result = yield* ctx.write(
        sql(
          `DELETE FROM ${t} WHERE NOT ${q('completed')} AND (${q('user_id')} = ${d.placeholder(1)} OR ${q('user_id')} IS NULL) ` +
            `AND ${q('date')} = ${d.placeholder(2)}`,
          ['', newest],
        ),
      );
      return { report: { deleted_day: newest, ...(result ? { deleted_rows: result.affectedRows } : {}) } };
    },
    { isNeeded: (state, ctx) => changesOwnership(ctx.stepStart ?? state, ownerKey) },
  );
}
