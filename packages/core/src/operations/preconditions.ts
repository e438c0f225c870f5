import { findColumn } from '../dialect/table-state.js';
import type { TableState } from '../dialect/table-state.js';
import type { OperationSpec, RequireNoNulls, RequireUnique } from './types.js';

export const requireNoNulls = (column: string): RequireNoNulls => ({ kind: 'requireNoNulls', column });
export const requireUnique = (column: string): RequireUnique => ({ kind: 'requireUnique', column });

/** A column that is the whole primary key already holds no NULL and no duplicate: nothing to check. */
function guaranteedByPrimaryKey(state: TableState, column: string): boolean {
  const pk = state.primaryKey?.columns ?? [];
  return pk.length === 1 && pk[0] === column;
}

export const requireNoNullsSpec: OperationSpec<RequireNoNulls> = {
  describe: (op) => `check that ${op.column} has no NULL`,
  isNeeded: (op, state) => findColumn(state, op.column) !== undefined && !guaranteedByPrimaryKey(state, op.column),
  apply: (_op, state) => state,
};

export const requireUniqueSpec: OperationSpec<RequireUnique> = {
  describe: (op) => `check that ${op.column} has no duplicate`,
  isNeeded: (op, state) => findColumn(state, op.column) !== undefined && !guaranteedByPrimaryKey(state, op.column),
  apply: (_op, state) => state,
};
