import type { V1MigrationEvent } from '@agno-migrate/v1-to-v2';
import { colorsFor } from './colors.js';
import type { LiveLine } from './progress.js';

const number = (n: number) => Math.round(n).toLocaleString('en-US');

function eta(seconds: number | null): string {
  if (seconds === null) return '';
  if (seconds < 60) return `ETA ${Math.ceil(seconds)}s`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60
    ? `ETA ${minutes}m${String(Math.ceil(seconds % 60)).padStart(2, '0')}s`
    : `ETA ${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}

/**
 * One line per table on stderr, redrawn in place (rows, rows/s, ETA) by `live` (log-update) and cut
 * to the terminal's width, then kept with the table's totals; only for a person at a terminal.
 */
export function v1ProgressReporter(stream: NodeJS.WriteStream, live: LiveLine): ((event: V1MigrationEvent) => void) | undefined {
  if (!stream.isTTY) return undefined;
  const pc = colorsFor(stream);
  const fit = (text: string) => {
    const columns = Math.max(20, (stream.columns || 80) - 1);
    return text.length <= columns ? text : `${text.slice(0, columns - 1)}…`;
  };
  let last = 0;
  return (event) => {
    if (event.type === 'table-start') {
      live(pc.dim(fit(`${event.source} → ${event.target}: ${number(event.done)}/${number(event.total)} rows`)));
      return;
    }
    if (event.type === 'batch') {
      const now = Date.now();
      // A redraw per batch would flood a slow terminal on small batches.
      if (now - last < 100 && event.done < event.total) return;
      last = now;
      live(
        pc.dim(
          fit(
            `${event.source} → ${event.target}: ${number(event.done)}/${number(event.total)} rows · ${number(event.rowsPerSecond)} rows/s · ${eta(event.etaSeconds)}`,
          ),
        ),
      );
      return;
    }
    const t = event.table;
    live(pc.dim(fit(`${t.source} → ${t.target}: ${number(t.read)} rows in ${t.seconds.toFixed(1)}s (${number(t.rowsPerSecond)} rows/s)`)));
    live.done();
  };
}
