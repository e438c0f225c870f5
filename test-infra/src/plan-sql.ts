import { AGNO_STEPS, resolveTableType, specOf } from '@agno-migrate/core';
import type { Dialect, OperationContext, StepContext, TableState } from '@agno-migrate/core';

export interface PlanOptions {
  readonly version?: string;
  readonly direction?: 'up' | 'down';
  readonly force?: boolean;
  readonly names?: Readonly<Record<string, string>>;
}

/**
 * What one step's declarative operations render on a dialect for a given live table, decided as
 * the step executor decides (check, render, carry the effect forward): exact SQL for unit tests.
 * A data task is listed by its description, since it runs its own statements against the database.
 */
export function planStatements(dialect: Dialect, tableType: string, state: TableState, options: PlanOptions = {}): string[] {
  const version = options.version ?? '3.0.0';
  const step = AGNO_STEPS.find((s) => s.to === version);
  const info = resolveTableType(tableType);
  const tableStep = step?.tables[info.type];
  if (!tableStep) throw new Error(`no ${version} step for ${tableType}`);
  const stepCtx: StepContext = {
    table: state.name,
    names: options.names ?? {},
    latest: info.define(dialect.flavor),
    flavor: dialect.flavor,
    capabilities: dialect.capabilities,
    now: 0,
  };
  const opCtx: OperationContext = {
    table: state.name,
    capabilities: dialect.capabilities,
    force: options.force ?? false,
    stepStart: state,
  };
  const out: string[] = [];
  let current = state;
  for (const op of options.direction === 'down' ? tableStep.down(stepCtx) : tableStep.up(stepCtx)) {
    const spec = specOf(op);
    if (!spec.isNeeded(op, current, opCtx)) continue;
    // Needed means the name does not fit: the step stops there, blocked.
    if (op.kind === 'requireNameFits') return [...out, `-- blocked: ${spec.describe(op)}`];
    if (op.kind === 'task') out.push(`-- task: ${op.description}`);
    else
      out.push(
        ...dialect.emitter
          .renderOperation(op, current, opCtx)
          .map((s) => (s.params.length ? `${s.sql} -- ${JSON.stringify(s.params)}` : s.sql)),
      );
    current = spec.apply(op, current);
  }
  return out;
}
