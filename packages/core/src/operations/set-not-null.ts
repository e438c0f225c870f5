import { findColumn } from '../dialect/table-state.js';
import { edit } from './state-edits.js';
import type { OperationSpec, SetNotNull } from './types.js';

export const setNotNull = (column: string): SetNotNull => ({ kind: 'setNotNull', column });

export const setNotNullSpec: OperationSpec<SetNotNull> = {
  describe: (op) => `set ${op.column} not null`,
  isNeeded: (op, state) => findColumn(state, op.column)?.nullable === true,
  apply: (op, state) => edit.mapColumn(state, op.column, (c) => ({ ...c, nullable: false })),
};
