import type { Db } from '../dialect/db.js';
import { isCarried } from '../dialect/statement-plan.js';
import type { TableState } from '../dialect/table-state.js';
import { DatabaseError } from '../errors.js';
import type { Step, StepContext } from '../graph/types.js';
import type { Direction } from '../graph/version-graph.js';
import { isPrecondition, specOf } from '../operations/specs.js';
import type { Operation, OperationContext } from '../operations/types.js';
import { execute } from './execute.js';
import { checkPrecondition } from './preconditions.js';
import type { BlockedDetails, OperationRecord, StepResult } from './results.js';
import type { RunSettings } from './run-command.js';
import type { RunContext, TableRef } from './run-context.js';
import { stamp } from './versions-store.js';
import { runTask } from './run-task.js';
import { retryLockWaits } from './lock-wait-retry.js';
import { inStepTransaction } from './step-transaction.js';

export interface StepOutcome {
  readonly result: StepResult;
  readonly blocked?: BlockedDetails;
}

export function operationsOf(ctx: RunContext, table: TableRef, step: Step, direction: Direction): readonly Operation[] {
  const tableStep = step.tables[table.info.type];
  if (!tableStep) return [];
  const stepCtx: StepContext = {
    table: table.name,
    names: ctx.names,
    latest: table.info.define(ctx.dialect.flavor),
    flavor: ctx.dialect.flavor,
    capabilities: ctx.dialect.capabilities,
    now: Math.floor(ctx.now.getTime() / 1000),
  };
  return direction === 'up' ? tableStep.up(stepCtx) : tableStep.down(stepCtx);
}

/**
 * One step on one table: read the live table once, then for each operation decide whether it is
 * needed and carry its effect forward, so a dry run plans exactly what a real run does; the needed
 * operations between tasks go to the dialect as one plan, which may fuse them into fewer
 * statements. The stamp commits with the step where DDL is transactional; a blocked step rolls back.
 */
export function* runStep(ctx: RunContext, run: RunSettings, table: TableRef, step: Step, stampVersion: string): Db<StepOutcome> {
  // A dry run takes no table lock; a real step that timed out waiting for one is rolled back (or,
  // without transactional DDL, converges when re-run), so running it again is safe.
  if (run.dryRun) return yield* runStepOnce(ctx, run, table, step, stampVersion);
  return yield* retryLockWaits(ctx, table.name, () => runStepOnce(ctx, run, table, step, stampVersion));
}

function* runStepOnce(ctx: RunContext, run: RunSettings, table: TableRef, step: Step, stampVersion: string): Db<StepOutcome> {
  const { direction, dryRun, force } = run;
  const from = direction === 'up' ? step.from : step.to;
  const to = direction === 'up' ? step.to : step.from;
  ctx.emit({ type: 'step-start', tableName: table.name, from, to, direction });
  const ops = operationsOf(ctx, table, step, direction);
  const records: OperationRecord[] = [];
  const outcome = (blocked?: BlockedDetails): StepOutcome => ({
    result: { from, to, direction, operations: records },
    ...(blocked ? { blocked } : {}),
  });

  return yield* inStepTransaction(
    ctx,
    table.name,
    function* (transaction) {
      let state = ops.length > 0 ? yield* ctx.dialect.introspector.introspect(table.name) : null;
      const opCtx: OperationContext = {
        table: table.name,
        capabilities: ctx.dialect.capabilities,
        force,
        ...(state ? { stepStart: state } : {}),
      };
      // The needed operations since the last task, planned together: the dialect may fuse them.
      let pending: PlannedSlot[] = [];
      const runPending = () => runPlan(ctx, table.name, pending, opCtx, records, dryRun);
      for (const op of ops) {
        if (!state) throw new DatabaseError(`table ${table.name} disappeared during the migration`, { kind: 'undefined-table' });
        const spec = specOf(op);
        const description = spec.describe(op);
        if (!spec.isNeeded(op, state, opCtx)) {
          records.push({ description, needed: false, statements: [] });
          continue;
        }
        if (op.kind === 'task') {
          const blocked = yield* runPending();
          pending = [];
          if (blocked) return outcome(blocked);
          const done = yield* runTask(ctx, op, state, opCtx, dryRun, transaction);
          records.push({
            description,
            needed: true,
            statements: done.statements,
            ...(done.outcome.report ? { report: done.outcome.report } : {}),
          });
          if (done.outcome.blocked) return outcome(done.outcome.blocked);
          state = spec.apply(op, state);
          continue;
        }
        // Its record is written when the plan runs; the slot keeps the step's order of operations.
        records.push({ description, needed: true, statements: [] });
        pending.push({ record: records.length - 1, op, state });
        state = spec.apply(op, state);
      }
      const blocked = yield* runPending();
      if (blocked) return outcome(blocked);
      if (!dryRun) yield* stamp(ctx, table.name, stampVersion);
      return outcome();
    },
    { dryRun, keep: (done) => done.blocked === undefined },
  );
}

interface PlannedSlot {
  /** Where the operation's record is, in the step's records. */
  readonly record: number;
  readonly op: Operation;
  readonly state: TableState;
}

/**
 * Runs the dialect's plan operation by operation: a precondition checks before any statement after
 * it runs (a blocked step keeps the records up to the check), an operation carried by another's
 * statement records which one. Returns what blocks the step, if anything.
 */
function* runPlan(
  ctx: RunContext,
  tableName: string,
  slots: readonly PlannedSlot[],
  opCtx: OperationContext,
  records: OperationRecord[],
  dryRun: boolean,
): Db<BlockedDetails | undefined> {
  if (slots.length === 0) return undefined;
  const plan = ctx.dialect.emitter.renderPlan(
    slots.map(({ op, state }) => ({ op, state })),
    opCtx,
  );
  if (plan.length !== slots.length)
    throw new Error(`the ${ctx.dialect.name} plan has ${plan.length} entries for ${slots.length} operations`);
  for (const [i, slot] of slots.entries()) {
    const planned = plan[i]!;
    const description = records[slot.record]!.description;
    if (isCarried(planned)) {
      const carrier = slots[planned.carriedBy];
      if (!carrier || isPrecondition(slot.op))
        throw new Error(`the ${ctx.dialect.name} plan cannot carry ${description} by entry ${planned.carriedBy}`);
      records[slot.record] = { description, needed: true, statements: [], carriedBy: carrier.record };
      continue;
    }
    const { statements } = planned;
    records[slot.record] = { description, needed: true, statements };
    if (isPrecondition(slot.op)) {
      const blocked = yield* checkPrecondition(ctx, tableName, slot.op, statements);
      if (blocked) {
        records.length = slot.record + 1;
        return blocked;
      }
      continue;
    }
    for (const statement of statements) yield* execute(ctx, tableName, statement, dryRun);
  }
  return undefined;
}
