import type { OperationSpec, Task } from './types.js';

export const task = (description: string, run: Task['run'], extras: Pick<Task, 'isNeeded' | 'apply'> = {}): Task => ({
  kind: 'task',
  description,
  run,
  ...extras,
});

export const taskSpec: OperationSpec<Task> = {
  describe: (op) => op.description,
  isNeeded: (op, state, ctx) => op.isNeeded?.(state, ctx) ?? true,
  apply: (op, state) => op.apply?.(state) ?? state,
};
