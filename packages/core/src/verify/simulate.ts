import type { Dialect } from '../dialect/dialect.js';
import type { TableState } from '../dialect/table-state.js';
import type { Step, StepContext } from '../graph/types.js';
import { specOf } from '../operations/specs.js';
import type { Operation, OperationContext } from '../operations/types.js';
import type { TableTypeInfo } from '../catalog/registry.js';

/** An operation the dialect refuses to render (SQLite adding a primary key) would fail the run: it repairs nothing. */
function dialectCan(dialect: Dialect, op: Operation, state: TableState, ctx: OperationContext): boolean {
  try {
    dialect.emitter.renderOperation(op, state, ctx);
    return true;
  } catch {
    return false;
  }
}

/**
 * The table as it would be after running `steps` up, decided exactly as a real run decides (each
 * operation checks the state first), without touching the database.
 */
export function simulateSteps(
  dialect: Dialect,
  info: TableTypeInfo,
  table: string,
  state: TableState,
  steps: readonly Step[],
  names: Readonly<Record<string, string>> = {},
): TableState {
  const stepCtx: StepContext = {
    table,
    names,
    latest: info.define(dialect.flavor),
    flavor: dialect.flavor,
    capabilities: dialect.capabilities,
    now: 0,
  };
  let current = state;
  for (const step of steps) {
    const tableStep = step.tables[info.type];
    if (!tableStep) continue;
    const opCtx: OperationContext = { table, capabilities: dialect.capabilities, stepStart: current };
    for (const op of tableStep.up(stepCtx)) {
      const spec = specOf(op);
      if (spec.isNeeded(op, current, opCtx) && dialectCan(dialect, op, current, opCtx)) current = spec.apply(op, current);
    }
  }
  return current;
}
