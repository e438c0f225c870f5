import type { Db } from '../dialect/db.js';
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
 * needed, render and run it, and carry its effect forward so a dry run plans exactly what a real
 * run does. The stamp commits with the step where DDL is transactional; a blocked step rolls back.
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
          if (done.outcome.blocked) return outcome(done.outcome.blocked);
          state = spec.apply(op, state);
          continue;
        }
        const statements = ctx.dialect.emitter.renderOperation(op, state, opCtx);
        records.push({ description, needed: true, statements });
        if (isPrecondition(op)) {
          const blocked = yield* checkPrecondition(ctx, table.name, op, statements);
          if (blocked) return outcome(blocked);
          continue;
        }
        for (const statement of statements) yield* execute(ctx, table.name, statement, dryRun);
        state = spec.apply(op, state);
      }
      if (!dryRun) yield* stamp(ctx, table.name, stampVersion);
      return outcome();
    },
    { dryRun, keep: (done) => done.blocked === undefined },
  );
}
