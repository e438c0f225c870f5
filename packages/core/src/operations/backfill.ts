import { findColumn } from '../dialect/table-state.js';
import type { Expression } from '../sql/expression.js';
import type { Backfill, OperationSpec } from './types.js';

export const backfill = (column: string, value: Expression): Backfill => ({ kind: 'backfill', column, value });

export const backfillSpec: OperationSpec<Backfill> = {
  describe: (op) => `fill ${op.column} where it is NULL`,
  // A NOT NULL column has nothing to fill.
  isNeeded: (op, state) => findColumn(state, op.column)?.nullable === true,
  apply: (_op, state) => state,
};
