import type { TableStep } from '../../../types.js';
import { task } from '../../../../operations/task.js';
import type { Db } from '../../../../dialect/db.js';
import { query as runQuery } from '../../../../dialect/db.js';
import type { TaskContext, TaskOutcome } from '../../../../operations/types.js';
import { rekeyEntityLearnings } from './rekey-task.js';
import { RekeySql } from './sql.js';
import { BUCKETS } from './report.js';
import { compareVersions } from '../../../../versions.js';

/** Agno's reason for refusing the revert (v3_0_0.py `down`). */
export const IRREVERSIBLE =
  'the entity_memory re-key cannot be reverted: the pre-3.0 key is shared across users, so moving these rows back would collide them again';

/**
 * learnings at 3.0.0 (spec §4): no change of shape; entity memories of namespace "user" move
 * from the shared pre-3.0 key to their owner's key. The down refuses, as Agno's does, and says so,
 * whenever a row holds a per-user key.
 */
export const learningsStep: TableStep = {
  up: () => [
    task('re-key user entity memories to their owner (Agno 3.0)', function* (ctx): Db<TaskOutcome> {
      const report = yield* rekeyEntityLearnings(ctx, { purgeUnrecoverable: ctx.options['purgeUnrecoverable'] === true });
      // Agno's report (lists of ids), and beside it the count of every bucket for dashboards and alerts.
      return { report: { ...report, counts: Object.fromEntries(BUCKETS.map((b) => [b, report[b].length])) } };
    }),
  ],
  down: () => [task('refuse to revert the entity memory re-key while rows hold per-user keys', refuseRevert)],
  *notice(ctx) {
    const n = Number((yield* query(new RekeySql(ctx.dialect, ctx.table).countLegacy())).rows[0]?.['n'] ?? 0);
    return n > 0 ? legacyKeysNotice(n, compareVersions(ctx.current, '3.0.0') >= 0) : null;
  },
};

/**
 * What status says while rows still hold pre-3.0 keys: before the re-key, that it must run before
 * the app serves traffic (Agno's guide); after it, that what is left was only reported.
 */
export function legacyKeysNotice(count: number, rekeyed = false): string {
  const rows = count === 1 ? '1 entity memory' : `${count} entity memories`;
  if (rekeyed) {
    return `${rows} of namespace "user" kept pre-3.0 keys after the re-key (unowned, malformed or in conflict: see its report), and Agno 3.0 does not read them`;
  }
  return `${rows} of namespace "user" still hold pre-3.0 keys, which Agno 3.0 no longer reads: run up before the app serves traffic`;
}

function query(statement: { sql: string; params: readonly unknown[] }) {
  return runQuery(statement.sql, statement.params);
}

function* refuseRevert(ctx: TaskContext): Db<TaskOutcome> {
  const sql = new RekeySql(ctx.dialect, ctx.table);
  const count = Number((yield* ctx.read(sql.countPerUser())).rows[0]?.['n'] ?? 0);
  // With no row on a per-user key there is nothing the revert could collide: the stamp may go down
  // (a later up finds nothing to move). Otherwise the revert is refused, as Agno refuses it.
  if (count === 0) return { report: { per_user_keyed: 0 } };
  const examples = (yield* ctx.read(sql.perUserExamples(5))).rows.map((r) => r['learning_id']);
  return {
    blocked: {
      check: 'irreversible',
      column: 'learning_id',
      count,
      examples,
      fixSql: '-- nothing to fix: keep learnings at 3.0.0 (leave it out with --table-type, or migrate the other tables one by one)',
      message: IRREVERSIBLE,
    },
  };
}
