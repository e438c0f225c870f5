import { mb, rate, ratio, table, verdict } from '../support/markdown.js';
import type { V1Result } from './part.js';

const SPEED_TARGET = 0.8;
const RSS_LIMIT = 256 * 1024 * 1024;
const GROWTH_LIMIT = 1.2;

export function v1Section(results: readonly V1Result[], reps: number): string {
  const speed = results.map((r) => {
    const x = r.oursRowsPerSecond / r.copyRowsPerSecond;
    return [
      r.label,
      r.rows.toLocaleString('en-US'),
      rate(r.oursRowsPerSecond),
      rate(r.copyRowsPerSecond),
      ratio(x),
      String(r.lost),
      `${verdict(x >= SPEED_TARGET && r.lost === 0)} (≥ ${SPEED_TARGET}×, 0 lost)`,
    ];
  });
  const memory = results.map((r) => {
    const [small, large] = r.memory;
    if (!small || !large) return [r.label, '–', '–', '–', '–'];
    const growth = large.peakRssBytes / small.peakRssBytes;
    const met = small.peakRssBytes <= RSS_LIMIT && large.peakRssBytes <= RSS_LIMIT && growth <= GROWTH_LIMIT;
    return [
      r.label,
      `${small.rows.toLocaleString('en-US')}: ${mb(small.peakRssBytes)}`,
      `${large.rows.toLocaleString('en-US')}: ${mb(large.peakRssBytes)}`,
      ratio(growth),
      `${verdict(met)} (≤ 256 MB, ≤ ${GROWTH_LIMIT}× at 4× the rows)`,
    ];
  });
  const bytes = results[0]?.rowBytes ?? 0;
  return [
    '## 3. v1 → v2',
    '',
    `Agno 1.8 agent-sessions rows, each with about ${(bytes / 1024).toFixed(1)} KB of JSON (three runs with messages, tool calls, metrics to convert, media, references), moved into \`agno_sessions\` by \`migrateV1ToV2()\` (batch ${1000} rows), beside a plain client-side keyset copy of the same rows into a table of the v1 shape with no transformation (keyset pages in key order on one connection, one multi-row INSERT per page on another). Each run starts from an empty target; median of ${reps} interleaved rounds. Lost rows are counted from the migration's own report on every run and by counting the target table after a final run.`,
    '',
    table(['database', 'rows', 'v1 → v2', 'keyset copy', 'ratio', 'rows lost', 'target'], speed),
    '',
    'Peak resident memory of a whole process running v1 → v2 (`process.resourceUsage().maxRSS`), at two table sizes:',
    '',
    table(['database', 'rows: peak RSS', '4× rows: peak RSS', 'growth', 'target'], memory),
    '',
    'At full scale: `AGNO_BENCH_V1_ROWS=200000 AGNO_BENCH_V1_MEMORY_ROWS=100000 AGNO_BENCH_PARTS=v1 pnpm bench` (throughput on 200,000 rows; memory at 100,000 and 400,000).',
  ].join('\n');
}
