import type { AddPrimaryKey, DropPrimaryKey, OperationSpec } from './types.js';

export const addPrimaryKey = (columns: readonly string[]): AddPrimaryKey => ({ kind: 'addPrimaryKey', columns });
export const dropPrimaryKey = (): DropPrimaryKey => ({ kind: 'dropPrimaryKey' });

export const addPrimaryKeySpec: OperationSpec<AddPrimaryKey> = {
  describe: (op) => `add primary key (${op.columns.join(', ')})`,
  // Like Agno: any existing primary key counts as done; a different one is for verify to report.
  isNeeded: (_op, state) => state.primaryKey === null,
  apply: (op, state) => ({
    ...state,
    primaryKey: { name: null, columns: op.columns },
    columns: state.columns.map((c) => (op.columns.includes(c.name) ? { ...c, nullable: false } : c)),
  }),
};

export const dropPrimaryKeySpec: OperationSpec<DropPrimaryKey> = {
  describe: () => 'drop primary key',
  isNeeded: (_op, state, ctx) => state.primaryKey !== null && ctx.capabilities.alterPrimaryKey,
  apply: (_op, state) => ({ ...state, primaryKey: null }),
};
