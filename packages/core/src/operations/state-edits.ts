import type { ColumnState, IndexState, TableState } from '../dialect/table-state.js';

/** Pure edits of a TableState, used by the operations' `apply`. */
export const edit = {
  addColumn: (s: TableState, c: ColumnState): TableState => ({ ...s, columns: [...s.columns, c] }),
  dropColumn: (s: TableState, name: string): TableState => ({
    ...s,
    columns: s.columns.filter((c) => c.name !== name),
    indexes: s.indexes.filter((i) => !i.columns.includes(name)),
  }),
  mapColumn: (s: TableState, name: string, f: (c: ColumnState) => ColumnState): TableState => ({
    ...s,
    columns: s.columns.map((c) => (c.name === name ? f(c) : c)),
  }),
  addIndex: (s: TableState, i: IndexState): TableState => ({
    ...s,
    indexes: [...s.indexes.filter((x) => x.name !== i.name), i],
  }),
  dropIndex: (s: TableState, name: string): TableState => ({
    ...s,
    indexes: s.indexes.filter((i) => i.name !== name),
    uniqueConstraints: s.uniqueConstraints.filter((u) => u.name !== name),
  }),
};
