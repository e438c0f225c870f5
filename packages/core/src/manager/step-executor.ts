import type { Db } from '../dialect/db.js';
import { DatabaseError } from '../errors.js';
import type { Step, StepContext } from '../graph/types.js';
import type { Direction } from '../graph/version-graph.js';
import { isPrecondition, specOf } from '../operations/specs.js';
import type { Operation, OperationContext } from '../operations/types.js';
import { execute, executeAll, rollbackQuietly } from './execute.js';
import { checkPrecondition } from './preconditions.js';
import type { BlockedDetails, OperationRecord, StepResult } from './results.js';
import type { RunContext, TableRef } from './run-context.js';
import { stamp } from './versions-store.js';
import { runTask } from './run-task.js';

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
 * needed, render and run it, and carry its effect forward so a dry run plans exactly what a real
 * run does. The stamp commits with the step where DDL is transactional.
 */
export function* runStep(
  ctx: RunContext,
  table: TableRef,
  step: Step,
  direction: Direction,
  stampVersion: string | null,
  dryRun: boolean,
  force = false,
): Db<StepOutcome> {
  const from = direction === 'up' ? step.from : step.to;
  const to = direction === 'up' ? step.to : step.from;
  ctx.emit({ type: 'step-start', tableName: table.name, from, to, direction });
  const ops = operationsOf(ctx, table, step, direction);
  const transaction = dryRun ? null : ctx.dialect.emitter.stepTransaction();
  const records: OperationRecord[] = [];
  const outcome = (blocked?: BlockedDetails): StepOutcome => ({
    result: { from, to, direction, operations: records },
    ...(blocked ? { blocked } : {}),
  });

  if (transaction) yield* executeAll(ctx, table.name, transaction.begin);
  try {
    let state = ops.length > 0 ? yield* ctx.dialect.introspector.introspect(table.name) : null;
    const opCtx: OperationContext = {
      table: table.name,
      capabilities: ctx.dialect.capabilities,
      force,
      ...(state ? { stepStart: state } : {}),
    };
    for (const op of ops) {
      if (!state) throw new DatabaseError(`table ${table.name} disappeared during the migration`, { kind: 'undefined-table' });
      const spec = specOf(op);
      const description = spec.describe(op);
      if (!spec.isNeeded(op, state, opCtx)) {
        records.push({ description, needed: false, statements: [] });
        continue;
      }
      if (op.kind === 'task') {
        const done = yield* runTask(ctx, op, state, opCtx, dryRun, transaction);
        records.push({
          description,
          needed: true,
          statements: done.statements,
          ...(done.outcome.report ? { report: done.outcome.report } : {}),
        });
        if (done.outcome.blocked) {
          if (transaction) yield* executeAll(ctx, table.name, transaction.rollback);
          return outcome(done.outcome.blocked);
        }
        state = spec.apply(op, state);
        continue;
      }
      const statements = ctx.dialect.emitter.renderOperation(op, state, opCtx);
      records.push({ description, needed: true, statements });
      if (isPrecondition(op)) {
        const blocked = yield* checkPrecondition(ctx, table.name, op, statements);
        if (blocked) {
          if (transaction) yield* executeAll(ctx, table.name, transaction.rollback);
          return outcome(blocked);
        }
        continue;
      }
      for (const statement of statements) yield* execute(ctx, table.name, statement, dryRun);
      state = spec.apply(op, state);
    }
    if (stampVersion !== null && !dryRun) yield* stamp(ctx, table.name, stampVersion);
    if (transaction) yield* executeAll(ctx, table.name, transaction.commit);
    return outcome();
  } catch (error) {
    if (transaction) yield* rollbackQuietly(ctx, table.name, transaction.rollback);
    throw error;
  }
}
