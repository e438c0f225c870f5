import { findIndex } from '../dialect/table-state.js';
import type { TableState } from '../dialect/table-state.js';
import { edit } from './state-edits.js';
import type { CreateIndex, OperationSpec } from './types.js';

export const createIndex = (name: string, columns: readonly string[], unique = false, where?: string): CreateIndex => ({
  kind: 'createIndex',
  name,
  columns,
  unique,
  ...(where === undefined ? {} : { where }),
});

/** An index on the same columns under another name (a fresh table's `idx_` for a migration's `ix_`). */
function equivalentExists(op: CreateIndex, state: TableState): boolean {
  // A partial index is known by its name: predicates print differently on every database.
  if (op.where !== undefined) return false;
  return state.indexes.some(
    (i) => i.valid && i.unique === op.unique && i.where === undefined && i.columns.join('\0') === op.columns.join('\0'),
  );
}

export const createIndexSpec: OperationSpec<CreateIndex> = {
  describe: (op) => `create index ${op.name}`,
  isNeeded: (op, state) => !findIndex(state, op.name) && !equivalentExists(op, state),
  apply: (op, state) =>
    edit.addIndex(state, { name: op.name, columns: op.columns, unique: op.unique, valid: true, ...(op.where ? { where: op.where } : {}) }),
};
