import { addColumnSpec } from './add-column.js';
import { backfillSpec } from './backfill.js';
import { createIndexSpec } from './create-index.js';
import { customSpec } from './custom.js';
import { dropColumnSpec } from './drop-column.js';
import { dropDefaultSpec } from './drop-default.js';
import { dropUniqueByColumnsSpec } from './drop-unique-by-columns.js';
import { dropIndexSpec } from './drop-index.js';
import { jsonToJsonbSpec } from './json-to-jsonb.js';
import { requireNoNullsSpec, requireUniqueSpec } from './preconditions.js';
import { addPrimaryKeySpec, dropPrimaryKeySpec } from './primary-key.js';
import { requireNameFitsSpec } from './require-name-fits.js';
import { requireNoDataSpec } from './require-no-data.js';
import { setNotNullSpec } from './set-not-null.js';
import { taskSpec } from './task.js';
import type { Operation, OperationSpec } from './types.js';
import { addUniqueSpec, dropUniqueSpec } from './unique.js';

const SPECS: { [K in Operation['kind']]: OperationSpec<Extract<Operation, { kind: K }>> } = {
  addColumn: addColumnSpec,
  dropColumn: dropColumnSpec,
  createIndex: createIndexSpec,
  dropIndex: dropIndexSpec,
  addPrimaryKey: addPrimaryKeySpec,
  dropPrimaryKey: dropPrimaryKeySpec,
  addUnique: addUniqueSpec,
  dropUnique: dropUniqueSpec,
  setNotNull: setNotNullSpec,
  dropDefault: dropDefaultSpec,
  dropUniqueByColumns: dropUniqueByColumnsSpec,
  jsonToJsonb: jsonToJsonbSpec,
  backfill: backfillSpec,
  requireNoNulls: requireNoNullsSpec,
  requireUnique: requireUniqueSpec,
  requireNoData: requireNoDataSpec,
  requireNameFits: requireNameFitsSpec,
  custom: customSpec,
  task: taskSpec,
};

export function specOf<O extends Operation>(op: O): OperationSpec<O> {
  return SPECS[op.kind] as unknown as OperationSpec<O>;
}

export type { RequireNameFits, RequireNoData } from './types.js';
export type Precondition = Extract<Operation, { kind: 'requireNoNulls' | 'requireUnique' | 'requireNoData' | 'requireNameFits' }>;

export function isPrecondition(op: Operation): op is Precondition {
  return op.kind === 'requireNoNulls' || op.kind === 'requireUnique' || op.kind === 'requireNoData' || op.kind === 'requireNameFits';
}
