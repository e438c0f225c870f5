import { edit } from './state-edits.js';
import type { DropIndex, OperationSpec } from './types.js';

export const dropIndex = (name: string): DropIndex => ({ kind: 'dropIndex', name });

export const dropIndexSpec: OperationSpec<DropIndex> = {
  describe: (op) => `drop index ${op.name}`,
  // An INVALID index counts too: dropping it is exactly what should happen to it.
  isNeeded: (op, state) => state.indexes.some((i) => i.name === op.name),
  apply: (op, state) => edit.dropIndex(state, op.name),
};
