import { ms, ratio, table, verdict } from '../support/markdown.js';
import type { UpgradeResult } from './part.js';

const TARGET = 1.15;

export function upgradeSection(results: readonly UpgradeResult[]): string {
  const rows = results.map((r) => {
    const x = r.ours / r.byHand;
    return [
      r.label,
      r.rows.toLocaleString('en-US'),
      String(r.reps),
      ms(r.ours),
      ms(r.byHand),
      ratio(x),
      `${r.statements} / ${r.oursQueries}`,
      `${verdict(x <= TARGET)} (≤ ${TARGET}×)`,
    ];
  });
  return [
    '## 2. Upgrade of big tables',
    '',
    `Agno 2.0.0-era \`agno_memories\` and \`agno_sessions\` (tables written out by hand as Agno 2.0 created them, JSON columns, sessions keyed by \`<table>_uq_session_id\`) with the same number of rows each, brought to the latest version by \`up()\`, beside the very statements that run executed (captured from its events, in order, with their parameters) replayed by hand on one plain driver connection. Each run gets a fresh copy; median of the interleaved rounds shown (three times as many on SQLite, whose short runs are dominated by a varying fsync) after one untimed calibration run of \`up()\` (which captures the statements). Both include opening and closing the connection. The difference is what the tool adds: the lock, reading the versions rows, checking the live table before each step.`,
    '',
    table(
      [
        'database',
        'rows per table',
        'rounds',
        '`up()`',
        'same SQL by hand',
        'ratio',
        'migration statements / all queries of the run',
        'target',
      ],
      rows,
    ),
    '',
    'At full scale: `AGNO_BENCH_ROWS=1000000 AGNO_BENCH_PARTS=upgrade pnpm bench` (expect tens of minutes).',
  ].join('\n');
}
