import { mb, ratio, table, verdict } from '../support/markdown.js';
import type { RunsResult } from './part.js';

const SPEED_TARGET = 0.8;
const RSS_LIMIT = 256 * 1024 * 1024;
const runsPerSecond = (n: number) => (Number.isFinite(n) ? `${Math.round(n).toLocaleString('en-US')} runs/s` : '–');

export function runsSection(results: readonly RunsResult[], reps: number): string {
  const speed = results.map((r) => {
    const x = r.oursRunsPerSecond / r.floorRunsPerSecond;
    return [
      r.label,
      r.runs.toLocaleString('en-US'),
      runsPerSecond(r.oursRunsPerSecond),
      runsPerSecond(r.floorRunsPerSecond),
      ratio(x),
      runsPerSecond(r.agnoRunsPerSecond),
      ratio(r.oursRunsPerSecond / r.agnoRunsPerSecond),
      r.previousRunsPerSecond === undefined
        ? '–'
        : `${runsPerSecond(r.previousRunsPerSecond)} (${ratio(r.previousRunsPerSecond / r.floorRunsPerSecond)} the floor)`,
      `${verdict(x >= SPEED_TARGET)} (≥ ${SPEED_TARGET}× the floor)`,
    ];
  });
  const growth = results.map((r) => [
    r.label,
    `${r.runs.toLocaleString('en-US')}: ${runsPerSecond(r.oursRunsPerSecond)}`,
    `${r.large.runs.toLocaleString('en-US')}: ${runsPerSecond(r.large.runsPerSecond)}`,
    ratio(r.large.runsPerSecond / r.oursRunsPerSecond),
    `${mb(r.rss.peakRssBytes)} with a ${mb(r.rss.blobBytes)} blob: ${verdict(r.rss.peakRssBytes <= RSS_LIMIT)} (≤ 256 MB)`,
  ]);
  return [
    '## 4. Agno 3.0: sessions.runs into the runs table',
    '',
    `Sessions with 1–10 runs of 2–4 KB each in a 2.5.6 sessions table. **ours**: \`up --table-type sessions\` (the 3.0.0 step: runs table created, copied inside the database in batches of 500 sessions with Agno's rules and counts, the secondary indexes not led by session_id built after the copy, the runs table stamped once whole). **ours before** (PostgreSQL): the same step as it ran there before, every index declared with the runs table, into a runs table of its own name. **floor**: the same run rows moved by one hand-written \`INSERT … SELECT\` (the database expanding the arrays) into an empty runs table whose secondary indexes are built after the load. **Agno**: Agno's algorithm — 50 sessions per batch through the client, rows built in the client, one multi-row insert per batch, one transaction. Median of ${reps} interleaved rounds; after the rounds, every contender's runs table is checked to hold the same rows, every column but updated_at compared (run data included), or the bench stops.`,
    '',
    table(
      ['database', 'runs', 'ours', 'floor', 'ours/floor', "Agno's algorithm", 'ours/Agno', 'ours before: indexes with the table', 'target'],
      speed,
    ),
    '',
    'Cost in rows (one run at 4× the sessions: runs/s should hold) and peak resident memory of a whole process copying a table that also holds one 20 MB blob:',
    '',
    table(['database', '1×', '4×', '4×/1× runs/s', 'peak RSS'], growth),
    '',
    'Bigger: `AGNO_BENCH_RUNS_SESSIONS=20000 AGNO_BENCH_PARTS=runs pnpm bench`.',
  ].join('\n');
}
