import { findColumn } from '../dialect/table-state.js';
import type { OperationSpec, RequireNoData } from './types.js';

/** A destructive down's guard: `column` must hold nothing but NULL and `carriesNothing`, unless forced. */
export const requireNoData = (column: string, carriesNothing: readonly string[] = []): RequireNoData => ({
  kind: 'requireNoData',
  column,
  carriesNothing,
});

export const requireNoDataSpec: OperationSpec<RequireNoData> = {
  describe: (op) => `check that ${op.column} holds no data the revert would lose`,
  isNeeded: (op, state, ctx) => ctx.force !== true && findColumn(state, op.column) !== undefined,
  apply: (_op, state) => state,
};
