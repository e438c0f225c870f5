import type { TableState } from '../dialect/table-state.js';
import { edit } from './state-edits.js';
import type { DropUniqueByColumns, OperationSpec } from './types.js';

export const dropUniqueByColumns = (columns: readonly string[]): DropUniqueByColumns => ({ kind: 'dropUniqueByColumns', columns });

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((c) => b.includes(c));

/**
 * The named unique keys over exactly these columns: constraints first, then unique indexes that are
 * not one of them (on MySQL a unique key is reported as both). An unnamed one (SQLite's table-level
 * UNIQUE) cannot be dropped in place and is left to a rebuild.
 */
export function uniqueKeysOver(state: TableState, columns: readonly string[]): { name: string; constraint: boolean }[] {
  const found = new Map<string, boolean>();
  for (const u of state.uniqueConstraints) if (u.name !== null && sameSet(u.columns, columns)) found.set(u.name, true);
  for (const i of state.indexes)
    if (i.unique && i.where === undefined && !found.has(i.name) && sameSet(i.columns, columns)) found.set(i.name, false);
  return [...found].map(([name, constraint]) => ({ name, constraint }));
}

export const dropUniqueByColumnsSpec: OperationSpec<DropUniqueByColumns> = {
  describe: (op) => `drop the unique key on (${op.columns.join(', ')})`,
  isNeeded: (op, state) => uniqueKeysOver(state, op.columns).length > 0,
  apply: (op, state) => uniqueKeysOver(state, op.columns).reduce((s, key) => edit.dropIndex(s, key.name), state),
};
