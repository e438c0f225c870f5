import { findColumn } from '../dialect/table-state.js';
import type { ColumnDef } from '../catalog/types.js';
import { edit } from './state-edits.js';
import type { AddColumn, OperationSpec } from './types.js';

export const addColumn = (column: ColumnDef, transitionalDefault?: string): AddColumn => ({
  kind: 'addColumn',
  column,
  ...(transitionalDefault === undefined ? {} : { transitionalDefault }),
});

export const addColumnSpec: OperationSpec<AddColumn> = {
  describe: (op) => `add column ${op.column.name}`,
  isNeeded: (op, state) => !findColumn(state, op.column.name),
  apply: (op, state) =>
    edit.addColumn(state, {
      name: op.column.name,
      dataType: op.column.type.kind,
      length: op.column.type.kind === 'string' ? (op.column.type.length ?? null) : null,
      nullable: op.column.nullable,
      defaultValue: op.transitionalDefault === undefined ? null : `'${op.transitionalDefault}'`,
    }),
};
