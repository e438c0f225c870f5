import type { OperationSpec, RequireNameFits } from './types.js';

export const requireNameFits = (name: string, why: string): RequireNameFits => ({ kind: 'requireNameFits', name, why });

export const nameBytes = (name: string) => Buffer.byteLength(name, 'utf8');

/** Needed (and then blocking) only when the name is longer than the database allows. */
export const requireNameFitsSpec: OperationSpec<RequireNameFits> = {
  describe: (op) => `check that ${op.name} fits the database's identifier limit`,
  isNeeded: (op, _state, ctx) => nameBytes(op.name) > ctx.capabilities.maxIdentifierBytes,
  apply: (_op, state) => state,
};
