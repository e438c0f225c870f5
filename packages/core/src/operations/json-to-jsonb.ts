import { findColumn } from '../dialect/table-state.js';
import type { TableState } from '../dialect/table-state.js';
import { edit } from './state-edits.js';
import type { JsonToJsonb, OperationContext, OperationSpec } from './types.js';

export const jsonToJsonb = (...columns: string[]): JsonToJsonb => ({ kind: 'jsonToJsonb', columns });

/** The columns of the operation that are still plain JSON on a dialect that has JSONB. */
export function columnsStillJson(op: JsonToJsonb, state: TableState, ctx: OperationContext): string[] {
  if (!ctx.capabilities.jsonb) return [];
  return op.columns.filter((name) => findColumn(state, name)?.dataType === 'json');
}

export const jsonToJsonbSpec: OperationSpec<JsonToJsonb> = {
  describe: (op) => `convert ${op.columns.join(', ')} from JSON to JSONB`,
  isNeeded: (op, state, ctx) => columnsStillJson(op, state, ctx).length > 0,
  apply: (op, state) =>
    op.columns.reduce((s, name) => edit.mapColumn(s, name, (c) => (c.dataType === 'json' ? { ...c, dataType: 'jsonb' } : c)), state),
};
