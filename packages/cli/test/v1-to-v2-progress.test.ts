import type { V1MigrationEvent } from '@agno-migrate/v1-to-v2';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LiveLine } from '../src/output/progress.js';
import { v1ProgressReporter } from '../src/output/v1-to-v2-progress.js';

function terminal(isTTY: boolean, columns = 120) {
  const frames: string[] = [];
  const kept: string[] = [];
  const live = ((text: string) => {
    frames.push(text);
  }) as LiveLine;
  live.clear = () => {};
  live.done = () => kept.push(frames[frames.length - 1]!);
  return { frames, kept, live, stream: { isTTY, columns, write: () => true } as unknown as NodeJS.WriteStream };
}

const batch = (done: number, etaSeconds: number | null): V1MigrationEvent => ({
  type: 'batch',
  kind: 'agentSessions',
  source: 'ai.agent_sessions',
  target: 'agno_sessions',
  done,
  total: 200_000,
  written: done,
  skipped: 0,
  rowsPerSecond: 41_234.6,
  etaSeconds,
  dryRun: false,
});

describe('v1-to-v2 progress on stderr', () => {
  beforeAll(() => {
    process.env['NO_COLOR'] = '1';
  });

  it('shows rows, rows/s and ETA on a terminal, redrawing one line', () => {
    const t = terminal(true);
    const report = v1ProgressReporter(t.stream, t.live)!;
    report(batch(50_000, 3.6));
    expect(t.frames).toEqual(['ai.agent_sessions → agno_sessions: 50,000/200,000 rows · 41,235 rows/s · ETA 4s']);
    expect(t.kept).toEqual([]);
  });

  it('formats long ETAs in minutes and hours', () => {
    const t = terminal(true);
    const report = v1ProgressReporter(t.stream, t.live)!;
    report(batch(1, 125));
    report({ type: 'table-start', kind: 'memories', source: 'm', target: 't', total: 1, done: 0 });
    report(batch(200_000, 7_500)); // the last batch shows even right after another
    expect(t.frames.join('\n')).toContain('ETA 2m05s');
    expect(t.frames.join('\n')).toContain('ETA 2h05m');
  });

  it('cuts the line to a narrow terminal', () => {
    const t = terminal(true, 30);
    v1ProgressReporter(t.stream, t.live)!(batch(50_000, 3.6));
    expect(t.frames[0]).toBe('ai.agent_sessions → agno_ses…');
  });

  it('stays silent when stderr is not a terminal', () => {
    const t = terminal(false);
    expect(v1ProgressReporter(t.stream, t.live)).toBeUndefined();
  });
});
