import { findColumn } from '../dialect/table-state.js';
import type { TableState } from '../dialect/table-state.js';
import { uniqueKeysOver } from './drop-unique-by-columns.js';
import type { OperationSpec, RequireNoNulls, RequireUnique } from './types.js';

export const requireNoNulls = (column: string): RequireNoNulls => ({ kind: 'requireNoNulls', column });
export const requireUnique = (column: string): RequireUnique => ({ kind: 'requireUnique', column });

/** A column that is the whole primary key already holds no NULL and no duplicate: nothing to check. */
function guaranteedByPrimaryKey(state: TableState, column: string): boolean {
  const pk = state.primaryKey?.columns ?? [];
  return pk.length === 1 && pk[0] === column;
}

/**
 * The live table's own constraints prove the data, so the scan would only repeat them: a NOT NULL
 * column holds no NULL; a unique key over exactly this column (a full, valid index) holds no
 * duplicate.
 */
function provenNotNull(state: TableState, column: string): boolean {
  return findColumn(state, column)?.nullable === false || guaranteedByPrimaryKey(state, column);
}

function provenUnique(state: TableState, column: string): boolean {
  const validIndex = (name: string) => state.indexes.find((i) => i.name === name)?.valid !== false;
  return guaranteedByPrimaryKey(state, column) || uniqueKeysOver(state, [column]).some((key) => key.constraint || validIndex(key.name));
}

export const requireNoNullsSpec: OperationSpec<RequireNoNulls> = {
  describe: (op) => `check that ${op.column} has no NULL`,
  isNeeded: (op, state) => findColumn(state, op.column) !== undefined && !provenNotNull(state, op.column),
  apply: (_op, state) => state,
};

export const requireUniqueSpec: OperationSpec<RequireUnique> = {
  describe: (op) => `check that ${op.column} has no duplicate`,
  isNeeded: (op, state) => findColumn(state, op.column) !== undefined && !provenUnique(state, op.column),
  apply: (_op, state) => state,
};
