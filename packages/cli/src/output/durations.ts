import type { MigrationEvent, RunResult, StepResult, TableResult } from '@agno-migrate/core';

/** How long each table and each of its steps took, measured from the manager's events. */
export interface TableTimes {
  readonly ms: number;
  readonly stepMs: readonly number[];
}

/** Milliseconds on a monotonic clock; `performance` would load perf_hooks into every run for this alone. */
const monotonicMs = (): number => Number(process.hrtime.bigint()) / 1e6;

/** Records durations at the CLI edge: core's results stay as they are. */
export class RunTimer {
  private readonly tables = new Map<string, { start: number; stepStarts: number[]; stepMs: number[]; ms?: number }>();
  /** Where the next table's time starts when the run announces no table-start (init creates tables without one). */
  private mark = monotonicMs();

  readonly onEvent = (event: MigrationEvent): void => {
    const now = monotonicMs();
    if (event.type === 'lock-acquired') this.mark = now;
    else if (event.type === 'table-start') this.tables.set(event.tableName, { start: now, stepStarts: [], stepMs: [] });
    else if (event.type === 'step-start') {
      const table = this.tables.get(event.tableName);
      if (!table) return;
      this.closeStep(table, now);
      table.stepStarts.push(now);
    } else if (event.type === 'table-done') {
      const name = event.result.tableName;
      const table = this.tables.get(name) ?? { start: this.mark, stepStarts: [], stepMs: [] };
      this.tables.set(name, table);
      this.closeStep(table, now);
      table.ms = now - table.start;
      this.mark = now;
    }
  };

  private closeStep(table: { stepStarts: number[]; stepMs: number[] }, now: number): void {
    if (table.stepStarts.length > table.stepMs.length) table.stepMs.push(now - table.stepStarts[table.stepStarts.length - 1]!);
  }

  times(tableName: string): TableTimes | undefined {
    const table = this.tables.get(tableName);
    if (!table) return undefined;
    // A table a failed statement stopped has no table-done: its time runs to now, its open step too.
    if (table.ms === undefined) this.closeStep(table, monotonicMs());
    return { ms: table.ms ?? monotonicMs() - table.start, stepMs: table.stepMs };
  }
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/** The result with `durationMs` on each table and step that ran (null where nothing was timed). */
export function withDurations(result: RunResult, timer: RunTimer | undefined): RunResult {
  if (!timer) return result;
  return {
    ...result,
    tables: result.tables.map((t): TableResult => {
      const times = timer.times(t.tableName);
      const steps = t.steps.map(
        (s, i): StepResult => ({ ...s, durationMs: times?.stepMs[i] !== undefined ? round(times.stepMs[i]!) : null }) as StepResult,
      );
      return { ...t, durationMs: times ? round(times.ms) : null, steps } as TableResult;
    }),
  };
}

export function durationOf(value: unknown): number | null {
  const ms = (value as { durationMs?: unknown }).durationMs;
  return typeof ms === 'number' ? ms : null;
}

/** 12 ms, 1.2 s, 2m05s: what a person reads at a glance. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '-';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  return `${Math.floor(seconds / 60)}m${String(Math.round(seconds % 60)).padStart(2, '0')}s`;
}
