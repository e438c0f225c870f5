import { AGNO_STEPS, isCarried, resolveTableType, specOf } from '@agno-migrate/core';
import type { Dialect, OperationContext, PlannedOperation, StepContext, TableState } from '@agno-migrate/core';

export interface PlanOptions {
  readonly version?: string;
  readonly direction?: 'up' | 'down';
  readonly force?: boolean;
  readonly names?: Readonly<Record<string, string>>;
}

/**
 * What one step's declarative operations render on a dialect for a given live table, decided as
 * the step executor decides (check, carry the effect forward, plan the operations between tasks
 * together): exact SQL for unit tests. A data task is listed by its description, since it runs
 * its own statements against the database; an operation another's statement carries adds nothing.
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
  let run: PlannedOperation[] = [];
  const flush = () => {
    for (const planned of dialect.emitter.renderPlan(run, opCtx)) {
      if (isCarried(planned)) continue;
      out.push(...planned.statements.map((s) => (s.params.length ? `${s.sql} -- ${JSON.stringify(s.params)}` : s.sql)));
    }
    run = [];
  };
  let current = state;
  for (const op of options.direction === 'down' ? tableStep.down(stepCtx) : tableStep.up(stepCtx)) {
    const spec = specOf(op);
    if (!spec.isNeeded(op, current, opCtx)) continue;
    // Needed means the name does not fit: the step stops there, blocked.
    if (op.kind === 'requireNameFits') {
      flush();
      return [...out, `-- blocked: ${spec.describe(op)}`];
    }
    if (op.kind === 'task') {
      flush();
      out.push(`-- task: ${op.description}`);
    } else run.push({ op, state: current });
    current = spec.apply(op, current);
  }
  flush();
  return out;
}
