import { findUnique } from '../dialect/table-state.js';
import { edit } from './state-edits.js';
import type { AddUnique, DropUnique, OperationSpec } from './types.js';

export const addUnique = (name: string, columns: readonly string[]): AddUnique => ({ kind: 'addUnique', name, columns });
export const dropUnique = (name: string): DropUnique => ({ kind: 'dropUnique', name });

export const addUniqueSpec: OperationSpec<AddUnique> = {
  describe: (op) => `add unique constraint ${op.name}`,
  isNeeded: (op, state) => !findUnique(state, op.name),
  apply: (op, state) => ({ ...state, uniqueConstraints: [...state.uniqueConstraints, { name: op.name, columns: op.columns }] }),
};

export const dropUniqueSpec: OperationSpec<DropUnique> = {
  describe: (op) => `drop unique constraint ${op.name}`,
  isNeeded: (op, state) => findUnique(state, op.name) !== undefined,
  apply: (op, state) => edit.dropIndex(state, op.name),
};
