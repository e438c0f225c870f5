import type { Custom, OperationSpec } from './types.js';

export const custom = (description: string, plan: Custom['plan']): Custom => ({ kind: 'custom', description, plan });

export const customSpec: OperationSpec<Custom> = {
  describe: (op) => op.description,
  isNeeded: () => true,
  apply: (_op, state) => state,
};
