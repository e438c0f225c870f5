import type { MigrationEvent } from '@agno-migrate/core';
import pc from 'picocolors';

/** Step-by-step progress on stderr, only for a person at a terminal; pipelines get the result alone. */
export function progressReporter(stream: NodeJS.WriteStream): ((event: MigrationEvent) => void) | undefined {
  if (!stream.isTTY) return undefined;
  const rate = taskRate();
  return (event) => {
    if (event.type === 'task-progress') stream.write(pc.dim(`  ${event.tableName}: ${rate(event)}\r`));
    if (event.type === 'table-done') rate.reset();
    if (event.type === 'lock-waiting') stream.write(pc.dim(`waiting for the migration lock…\r`));
    if (event.type === 'step-start') {
      stream.write(pc.dim(`  ${event.tableName}: ${event.direction} ${event.from} → ${event.to}\n`));
    }
  };
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
    for (const [unit, value] of Object.entries(event.also ?? {})) parts.push(`${n(value)} ${unit}`, `${n(Math.round(value / seconds))} ${unit}/s`);
    if (event.total !== null && event.done > 0 && event.done < event.total) {
      parts.push(`ETA ${Math.ceil(((event.total - event.done) * seconds) / event.done)}s`);
    }
    return parts.join(' · ');
  };
  return Object.assign(render, { reset: () => (started = undefined) });
}
