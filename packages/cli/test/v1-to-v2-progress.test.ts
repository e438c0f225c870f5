import type { V1MigrationEvent } from '@agno-migrate/v1-to-v2';
import { describe, expect, it } from 'vitest';
import { v1ProgressReporter } from '../src/output/v1-to-v2-progress.js';

function stream(isTTY: boolean) {
  const written: string[] = [];
  return { written, stream: { isTTY, write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream };
}

const batch = (done: number, etaSeconds: number | null): V1MigrationEvent => ({
  type: 'batch', kind: 'agentSessions', source: 'ai.agent_sessions', target: 'agno_sessions', done, total: 200_000,
  written: done, skipped: 0, rowsPerSecond: 41_234.6, etaSeconds, dryRun: false,
});

describe('v1-to-v2 progress on stderr', () => {
  it('shows rows, rows/s and ETA on a terminal, rewriting one line', () => {
    const { written, stream: tty } = stream(true);
    const report = v1ProgressReporter(tty)!;
    report(batch(50_000, 3.6));
    expect(written.join('')).toContain('ai.agent_sessions → agno_sessions: 50,000/200,000 rows · 41,235 rows/s · ETA 4s');
    expect(written.join('')).toMatch(/\r$/);
  });

  it('formats long ETAs in minutes and hours', () => {
    const { written, stream: tty } = stream(true);
    const report = v1ProgressReporter(tty)!;
    report(batch(1, 125));
    report({ type: 'table-start', kind: 'memories', source: 'm', target: 't', total: 1, done: 0 });
    report(batch(200_000, 7_500)); // the last batch shows even right after another
    expect(written.join('')).toContain('ETA 2m05s');
    expect(written.join('')).toContain('ETA 2h05m');
  });

  it('stays silent when stderr is not a terminal', () => {
    expect(v1ProgressReporter(stream(false).stream)).toBeUndefined();
  });
});
