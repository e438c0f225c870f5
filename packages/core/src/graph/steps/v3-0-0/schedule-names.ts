import { findColumn, findIndex } from '../../../dialect/table-state.js';
import type { TableState } from '../../../dialect/table-state.js';
import { task } from '../../../operations/task.js';
import type { Task, TaskContext } from '../../../operations/types.js';
import { sql } from '../../../sql/statement.js';

const EXAMPLES = 10;

/**
 * Before Agno 3.0's unique backstop on schedule names (one name per owner, one per unowned bucket):
 * duplicates make Agno raise ScheduleDuplicateNamesError and leave the table unstamped. Here the
 * step is blocked with the names and a fix, and nothing of it is kept, so a re-run after the fix
 * does the whole step.
 */
export function checkScheduleNames(uniqueIndexes: readonly string[]): Task {
  return task(
    'check that schedule names are unique per owner',
    function* (ctx: TaskContext) {
      // In a dry run the live table is still the one the step started from.
      const live: TableState = ctx.dryRun ? (ctx.stepStart ?? ctx.state) : ctx.state;
      const owned = findColumn(live, 'user_id') !== undefined;
      const q = (n: string) => ctx.dialect.emitter.quoteIdent(n);
      const t = ctx.dialect.emitter.qualify(ctx.table);
      const bucket = owned ? `${q('user_id')}, ${q('name')}` : q('name');
      // The fix is run on the table as the blocked step leaves it: as it found it (the step rolls back).
      const before = ctx.stepStart ?? live;
      const fixBucket = findColumn(before, 'user_id') !== undefined ? `${q('user_id')}, ${q('name')}` : q('name');
      const result = yield* ctx.read(
        sql(`SELECT ${bucket}, COUNT(*) AS ${q('n')} FROM ${t} GROUP BY ${bucket} HAVING COUNT(*) > 1 ORDER BY ${bucket}`),
      );
      if (result.rows.length === 0) return {};
      const examples = result.rows
        .slice(0, EXAMPLES)
        .map((r) => ({ user_id: owned ? (r['user_id'] ?? null) : null, name: r['name'], count: Number(r['n']) }));
      const listed = examples.map(
        (e) => `${JSON.stringify(e.name)}${e.user_id === null ? '' : ` (owner ${JSON.stringify(e.user_id)})`} ×${e.count}`,
      );
      return {
        blocked: {
          check: 'unique-schedule-names',
          column: 'name',
          count: result.rows.length,
          examples,
          fixSql:
            `-- review first: keeps the oldest schedule of each name per owner and renames the others to "<name> (<id>)"\n` +
            `UPDATE ${t} SET ${q('name')} = ${q('name')} || ' (' || ${q('id')} || ')' WHERE ${q('id')} IN (` +
            `SELECT ${q('id')} FROM (SELECT ${q('id')}, ROW_NUMBER() OVER (PARTITION BY ${fixBucket} ORDER BY ${q('created_at')}, ${q('id')}) AS ${q('rn')} FROM ${t}) AS ${q('d')} WHERE ${q('rn')} > 1);`,
          message: `${result.rows.length} schedule name(s) occur more than once for one owner in ${ctx.table}, which Agno 3.0's unique indexes forbid: ${listed.join(', ')}`,
        },
      };
    },
    { isNeeded: (state) => uniqueIndexes.some((name) => !findIndex(state, name)) },
  );
}
