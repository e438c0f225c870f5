import { findColumn } from '../dialect/table-state.js';
import { edit } from './state-edits.js';
import type { DropColumn, OperationSpec } from './types.js';

export const dropColumn = (column: string): DropColumn => ({ kind: 'dropColumn', column });

export const dropColumnSpec: OperationSpec<DropColumn> = {
  describe: (op) => `drop column ${op.column}`,
  isNeeded: (op, state) => findColumn(state, op.column) !== undefined,
  apply: (op, state) => edit.dropColumn(state, op.column),
};
