import type { Db, Row } from '../../../../dialect/db.js';
import type { TaskContext, TaskOutcome } from '../../../../operations/types.js';
import type { LearningRow } from './classify.js';
import { classifyRow } from './classify.js';
import { asObject } from './json.js';
import { QUARANTINE_NAMESPACE, quarantineId, USER_NAMESPACE, userEntityId } from './keys.js';
import { mergeIntoTarget } from './merge.js';
import type { RekeyReport } from './report.js';
import { ReportBuilder } from './report.js';
import { PAGE_SIZE, RekeySql, RELEASE, ROLLBACK_TO, SAVEPOINT } from './sql.js';

/** Options a caller may pass to the re-key (`up --purge-unrecoverable`). */
export interface RekeyOptions {
  /** Delete contaminated and unowned rows instead of quarantining / reporting them. */
  readonly purgeUnrecoverable?: boolean;
}

type Outcome = 'rekeyed' | 'merged' | 'quarantined' | 'conflicts' | 'failed';

/**
 * The entity-memory re-key (Agno's `rekey_user_entity_learnings`), walked in key order a page at a
 * time. It runs inside the step's transaction, so a killed run leaves nothing half-moved and a
 * re-run starts over; rows it creates sort later in the walk and are skipped, so nothing is
 * counted twice. Every write is confirmed by reading back; a row's writes share a savepoint, so
 * one failing row is reported and the others still move.
 */
export function* rekeyEntityLearnings(ctx: TaskContext, options: RekeyOptions = {}): Db<RekeyReport> {
  const sql = new RekeySql(ctx.dialect, ctx.table);
  const report = new ReportBuilder();
  const created = new Set<string>();
  let after: string | null = null;
  for (;;) {
    const page: LearningRow[] = (yield* ctx.read(sql.page(after))).rows.map(toLearningRow);
    for (const row of page) {
      if (created.has(row.learning_id)) continue;
      report.scanned += 1;
      yield* visit(ctx, sql, row, report, created, options);
    }
    ctx.progress(report.scanned, null, 'rows');
    if (page.length < PAGE_SIZE) break;
    after = page[page.length - 1]!.learning_id;
  }
  return report.build(ctx.dryRun);
}

function* visit(
  ctx: TaskContext,
  sql: RekeySql,
  row: LearningRow,
  report: ReportBuilder,
  created: Set<string>,
  options: RekeyOptions,
): Db<void> {
  const id = row.learning_id;
  const { bucket } = classifyRow(row);
  if (bucket === 'keyed') {
    report.keyed += 1;
    return;
  }
  if (bucket === 'contaminated_keyed' || bucket === 'malformed') {
    report.add(bucket, id);
    return;
  }
  if (bucket === 'unowned' || bucket === 'contaminated') {
    report.add(bucket, id);
    if (options.purgeUnrecoverable) {
      const gone = ctx.dryRun || (yield* guarded(ctx, () => deleteConfirmed(ctx, sql, id))) === true;
      report.add(gone ? 'purged' : 'failed', id);
    } else if (bucket === 'contaminated') {
      report.add(ctx.dryRun ? 'quarantined' : yield* guarded(ctx, () => quarantine(ctx, sql, row)), id);
    }
    return;
  }
  if (ctx.dryRun) {
    // A dry run writes nothing, so it reports on what it read, as Agno's does.
    const target = yield* readRow(ctx, sql, userEntityId(row.entity_id!, row.entity_type!, row.user_id!));
    report.add(target ? 'merged' : 'rekeyed', id);
    return;
  }
  report.add(yield* guarded(ctx, () => moveLegacy(ctx, sql, row, created)), id);
}

/** Runs one row's writes under a savepoint: an error rolls back that row alone and reports it failed. */
function* guarded<T extends Outcome | boolean>(ctx: TaskContext, work: () => Db<T>): Db<T | 'failed'> {
  yield* ctx.write(SAVEPOINT);
  try {
    const outcome = yield* work();
    yield* ctx.write(RELEASE);
    return outcome;
  } catch {
    yield* ctx.write(ROLLBACK_TO);
    yield* ctx.write(RELEASE);
    return 'failed';
  }
}

function* moveLegacy(ctx: TaskContext, sql: RekeySql, paged: LearningRow, created: Set<string>): Db<Outcome> {
  // The paged row may be stale: it is read again and classified again before any of it is used.
  const fresh = yield* readRow(ctx, sql, paged.learning_id);
  const classified = fresh ? classifyRow(fresh) : null;
  if (!fresh || classified?.bucket !== 'legacy') return 'failed';
  let content = classified.content!;
  let metadata: unknown = asObject(fresh.metadata);
  const newId = userEntityId(fresh.entity_id!, fresh.entity_type!, fresh.user_id!);
  const target = yield* readRow(ctx, sql, newId);
  if (target) {
    const targetContent = asObject(target.content);
    if (!targetContent) return 'conflicts';
    content = mergeIntoTarget(content, targetContent);
    const targetMetadata = asObject(target.metadata);
    // Agno keeps the target's metadata when it has any (`or`: an empty object counts as none).
    if (targetMetadata && Object.keys(targetMetadata).length > 0) metadata = targetMetadata;
  }
  yield* ctx.write(sql.upsert({ ...columnsOf(fresh), id: newId, namespace: USER_NAMESPACE, content, metadata }, ctx.now));
  if (!(yield* readRow(ctx, sql, newId))) throw new Error(`${newId} is not there after the write`);
  if (!(yield* deleteConfirmed(ctx, sql, paged.learning_id))) throw new Error(`${paged.learning_id} survived its delete`);
  if (!target) created.add(newId);
  return target ? 'merged' : 'rekeyed';
}

/** A row holding two users' data cannot be split: it moves to a namespace no store reads. */
function* quarantine(ctx: TaskContext, sql: RekeySql, paged: LearningRow): Db<Outcome> {
  const fresh = yield* readRow(ctx, sql, paged.learning_id);
  if (!fresh || classifyRow(fresh).bucket !== 'contaminated') return 'failed';
  const newId = quarantineId(fresh.entity_id!, fresh.entity_type!);
  const content = asObject(fresh.content) ?? {};
  yield* ctx.write(
    sql.upsert({ ...columnsOf(fresh), id: newId, namespace: QUARANTINE_NAMESPACE, content, metadata: asObject(fresh.metadata) }, ctx.now),
  );
  if (!(yield* readRow(ctx, sql, newId))) throw new Error(`${newId} is not there after the write`);
  if (!(yield* deleteConfirmed(ctx, sql, paged.learning_id))) throw new Error(`${paged.learning_id} survived its delete`);
  return 'quarantined';
}

/** A delete that touched no row is confirmed by reading back: the row may already be gone. */
function* deleteConfirmed(ctx: TaskContext, sql: RekeySql, id: string): Db<boolean> {
  const result = yield* ctx.write(sql.delete(id));
  if (result && result.affectedRows > 0) return true;
  return (yield* readRow(ctx, sql, id)) === null;
}

function* readRow(ctx: TaskContext, sql: RekeySql, id: string): Db<LearningRow | null> {
  const rows = (yield* ctx.read(sql.byId(id))).rows;
  return rows.length > 0 ? toLearningRow(rows[0]!) : null;
}

function columnsOf(row: LearningRow) {
  return {
    userId: row.user_id,
    agentId: row.agent_id,
    teamId: row.team_id,
    workflowId: row.workflow_id,
    sessionId: row.session_id,
    entityId: row.entity_id,
    entityType: row.entity_type,
  };
}

const text = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

export function toLearningRow(row: Row): LearningRow {
  return {
    learning_id: String(row['learning_id']),
    user_id: text(row['user_id']),
    agent_id: text(row['agent_id']),
    team_id: text(row['team_id']),
    workflow_id: text(row['workflow_id']),
    session_id: text(row['session_id']),
    entity_id: text(row['entity_id']),
    entity_type: text(row['entity_type']),
    content: row['content'],
    metadata: row['metadata'],
  };
}

/** The task's outcome for the result: Agno's report, never blocking (every bucket is reported, not refused). */
export function rekeyOutcome(report: RekeyReport): TaskOutcome {
  return { report: { ...report } };
}
