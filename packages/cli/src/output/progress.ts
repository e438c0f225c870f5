import type { MigrationEvent } from '@agno-migrate/core';
import type { Colors } from './colors.js';
import { colorsFor } from './colors.js';
import { formatDuration } from './durations.js';

/** The redrawn line's writer (log-update's `createLogUpdate(stream)`): draw, clear, or keep and start a new one. */
export interface LiveLine {
  (text: string): void;
  clear(): void;
  done(): void;
}

/**
 * The stream as log-update sees it: a terminal that reports no size (a pseudo-terminal nobody sized,
 * `docker run -t` on some hosts) reads as 80×24, or log-update would cut every line away.
 */
export function sizedTerminal(stream: NodeJS.WriteStream): NodeJS.WriteStream {
  return {
    get columns() {
      return stream.columns || 80;
    },
    get rows() {
      return stream.rows || 24;
    },
    isTTY: stream.isTTY,
    write: (chunk: string) => stream.write(chunk),
  } as unknown as NodeJS.WriteStream;
}

export interface ProgressOptions {
  readonly now?: () => number;
  /** Redraws while something waits; tests call `render()` themselves. */
  readonly autoRender?: boolean;
}

export interface ProgressReporter {
  readonly onEvent: (event: MigrationEvent) => void;
  /** Redraws the live line (the lock wait, a long statement) with its elapsed time. */
  render(): void;
  /** Clears the live line and stops redrawing. */
  stop(): void;
}

/** Waits shorter than this are not worth a line: a second deploy usually gets the lock at once. */
export const SHOW_AFTER_MS = 1000;

/**
 * Step-by-step progress on stderr for a person at a terminal (pipelines get the result alone): one
 * kept line per step with its duration, and one redrawn line for what is taking a while — the
 * migration lock after a second of waiting, a statement after a second of running — cut to the
 * terminal's width so a narrow terminal never wraps it, and cleared when it is over.
 */
export function progressReporter(stream: NodeJS.WriteStream, live: LiveLine, options: ProgressOptions = {}): ProgressReporter {
  const now = options.now ?? (() => performance.now());
  const c: Colors = colorsFor(stream);
  let waiting: { since: number; name: string; holder?: string } | undefined;
  let statement: { since: number; table: string; sql: string } | undefined;
  let step: { since: number; text: string } | undefined;
  /** A data task's count line (runs copied, rows re-keyed): shown while it runs, as long as it runs. */
  let task: string | undefined;
  /** A step that keeps giving up on a table another session holds: kept until the step is over. */
  let retrying: { since: number; text: string } | undefined;
  const rate = taskRate();
  let shown = false;
  let timer: NodeJS.Timeout | undefined;

  const fit = (text: string) => {
    const columns = Math.max(20, (stream.columns || 80) - 1);
    return text.length <= columns ? text : `${text.slice(0, columns - 1)}…`;
  };
  const clear = () => {
    if (shown) live.clear();
    shown = false;
  };
  const render = () => {
    const t = now();
    let text: string | undefined;
    if (waiting && t - waiting.since >= SHOW_AFTER_MS) {
      const holder = waiting.holder ? `held by ${waiting.holder}` : 'another run holds it';
      text = `waiting for the migration lock ${waiting.name}: ${holder} · ${formatSeconds(t - waiting.since)} (--lock-timeout)`;
    } else if (task) {
      text = task;
    } else if (retrying) {
      text = `${retrying.text} · ${formatSeconds(t - retrying.since)} (--lock-timeout)`;
    } else if (statement && t - statement.since >= SHOW_AFTER_MS) {
      text = `  ${statement.table}: ${statement.sql} · ${formatSeconds(t - statement.since)}`;
    }
    if (text === undefined) return clear();
    live(c.dim(fit(text)));
    shown = true;
  };
  const keep = (text: string) => {
    clear();
    live(c.dim(fit(text)));
    live.done();
  };
  const finishStep = (t: number) => {
    if (step) keep(`${step.text} · ${formatDuration(t - step.since)}`);
    step = undefined;
  };
  const tick = () => {
    if (timer || options.autoRender === false) return;
    timer = setInterval(render, 250);
    timer.unref();
  };

  const onEvent = (event: MigrationEvent) => {
    const t = now();
    switch (event.type) {
      case 'lock-waiting':
        waiting = { since: t, name: event.name };
        tick();
        break;
      case 'lock-contended':
        if (waiting && event.holder) waiting = { ...waiting, holder: event.holder };
        break;
      case 'lock-acquired':
        waiting = undefined;
        clear();
        break;
      case 'table-lock-retry':
        retrying = {
          since: retrying?.since ?? t - event.waitedMs,
          text: `  ${event.tableName}: locked by another session's open transaction; trying again (${event.attempt})`,
        };
        tick();
        render();
        break;
      case 'step-start':
        retrying = undefined;
        finishStep(t);
        step = { since: t, text: `  ${event.tableName}: ${event.direction} ${event.from} → ${event.to}` };
        break;
      case 'statement':
        if (!event.dryRun) {
          statement = { since: t, table: event.tableName, sql: event.statement.sql.replace(/\s+/g, ' ') };
          tick();
        }
        break;
      case 'statement-done':
        statement = undefined;
        clear();
        break;
      case 'task-progress':
        task = `  ${event.tableName}: ${rate(event)}`;
        render();
        break;
      case 'table-done':
        statement = undefined;
        retrying = undefined;
        task = undefined;
        rate.reset();
        finishStep(t);
        break;
      case 'run-done':
        stop();
        break;
      default:
        break;
    }
  };
  const stop = () => {
    if (timer) clearInterval(timer);
    timer = undefined;
    waiting = undefined;
    statement = undefined;
    retrying = undefined;
    clear();
  };
  return { onEvent, render, stop };
}

function formatSeconds(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
}

type TaskProgress = Extract<MigrationEvent, { type: 'task-progress' }>;

/** "1,200/5,000 sessions · 8,400 runs · 3,100 runs/s · ETA 12s": rates over the task's whole run. */
function taskRate(): ((event: TaskProgress) => string) & { reset(): void } {
  let started: number | undefined;
  const render = (event: TaskProgress): string => {
    const now = Date.now();
    started ??= now;
    const seconds = Math.max((now - started) / 1000, 1e-3);
    const n = (value: number) => value.toLocaleString('en-US');
    const parts = [`${n(event.done)}${event.total === null ? '' : `/${n(event.total)}`} ${event.unit}`];
    for (const [unit, value] of Object.entries(event.also ?? {}))
      parts.push(`${n(value)} ${unit}`, `${n(Math.round(value / seconds))} ${unit}/s`);
    if (event.total !== null && event.done > 0 && event.done < event.total) {
      parts.push(`ETA ${Math.ceil(((event.total - event.done) * seconds) / event.done)}s`);
    }
    return parts.join(' · ');
  };
  return Object.assign(render, { reset: () => (started = undefined) });
}
