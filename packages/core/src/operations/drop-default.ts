import { findColumn } from '../dialect/table-state.js';
import { edit } from './state-edits.js';
import type { DropDefault, OperationSpec } from './types.js';

export const dropDefault = (column: string): DropDefault => ({ kind: 'dropDefault', column });

export const dropDefaultSpec: OperationSpec<DropDefault> = {
  describe: (op) => `drop the default of ${op.column}`,
  isNeeded: (op, state) => {
    const column = findColumn(state, op.column);
    return column !== undefined && column.defaultValue != null;
  },
  apply: (op, state) => edit.mapColumn(state, op.column, (c) => ({ ...c, defaultValue: null })),
};
