import type { Operation, OperationContext } from '../operations/types.js';
import type { Statement } from '../sql/statement.js';
import type { TableState } from './table-state.js';

/** A needed operation of a step, with the table as it will find it (after the operations before it). */
export interface PlannedOperation {
  readonly op: Operation;
  readonly state: TableState;
}

/**
 * What runs for one planned operation: its own statements (which may do the work of others too),
 * or the index, in the same plan, of the operation whose statements do its work.
 */
export type PlannedStatements = { readonly statements: readonly Statement[] } | { readonly carriedBy: number };

/**
 * The statements of a plan run operation by operation, in order: a dialect that fuses work
 * attaches a combined statement to the first operation it carries, so the order a dry run prints
 * is the order a run executes.
 */
export type StatementPlan = readonly PlannedStatements[];

export function isCarried(planned: PlannedStatements): planned is { readonly carriedBy: number } {
  return 'carriedBy' in planned;
}

/** Each operation on its own, as `renderOperation` writes it: the plan of a dialect that fuses nothing. */
export function renderEachOperation(
  emitter: { renderOperation(op: Operation, state: TableState, ctx: OperationContext): Statement[] },
  ops: readonly PlannedOperation[],
  ctx: OperationContext,
): StatementPlan {
  return ops.map(({ op, state }) => ({ statements: emitter.renderOperation(op, state, ctx) }));
}
