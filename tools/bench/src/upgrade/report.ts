import { ms, ratio, table, verdict } from '../support/markdown.js';
import type { UpgradeResult } from './part.js';

const TARGET = 1.1;

export function upgradeSection(results: readonly UpgradeResult[]): string {
  const rows = results.map((r) => {
    const toFloor = r.ours / r.cheapest;
    return [
      r.label,
      r.rows.toLocaleString('en-US'),
      String(r.reps),
      ms(r.ours),
      ms(r.agnoSequence),
      ms(r.cheapest),
      ratio(toFloor),
      ratio(r.ours / r.agnoSequence),
      `${r.statements} / ${r.oursQueries} / ${r.cheapestStatements}`,
      `${verdict(toFloor <= TARGET)} (≤ ${TARGET}× the cheapest SQL)`,
    ];
  });
  return [
    '## 2. Upgrade of big tables',
    '',
    "Agno 2.0.0-era `agno_memories` and `agno_sessions` (tables written out by hand as Agno 2.0 created them, JSON columns, sessions keyed by `<table>_uq_session_id`, two runs in each session) with the same number of rows each, brought to the latest version (3.0.0: memories' `created_at` and `feedback`, JSONB on PostgreSQL, sessions' primary key, the `agno_runs` table filled from the sessions' runs) by `up()`, beside two baselines on one plain driver connection:",
    '',
    "- **Agno's sequence**: Agno's own statements for the change: one statement per column and per key change, as Agno's migrations write them, captured (in order, with their parameters) from a run of the tool with its statement fusion turned off (each operation rendered on its own) and replayed without the tool. `up()` itself plans each step's operations into fewer statements, so the difference is that fusion less what the tool adds (the lock, reading the versions rows, checking the live table before each step).",
    "- **Cheapest SQL**: the change written by hand at its cheapest (`tools/bench/src/upgrade/cheapest-sql.ts`): on PostgreSQL one `ALTER TABLE` per table carrying every type change, memories' `created_at` backfill as a `USING` expression and sessions' primary key, the runs copied in one statement with their foreign key and indexes built afterwards; on MariaDB columns added in place (`ALGORITHM=INSTANT`), one combined `ALTER` per change, the runs' indexes in one `ALTER` after the copy; on SQLite the same steps in one transaction, the runs' indexes after the copy.",
    '',
    'Before the timed rounds, each baseline is run once on a fresh copy and checked to leave exactly what `up()` left: every table\'s columns (in order, with types and nullability), indexes, keys and foreign keys as the tool\'s introspector reads them, and a digest of every row in key order (times taken from the clock count as "now"). Each timed run gets a fresh copy; median of the interleaved rounds shown (three times as many on SQLite, whose short runs are dominated by a varying fsync). All include opening and closing the connection.',
    '',
    table(
      [
        'database',
        'rows per table',
        'rounds',
        '`up()`',
        "Agno's sequence",
        'cheapest SQL',
        '`up()` ÷ cheapest',
        "`up()` ÷ Agno's",
        "statements: Agno's sequence / all queries of `up()` / cheapest",
        'target',
      ],
      rows,
    ),
    '',
    "At full scale (200,000 rows per table, the target's scale): `AGNO_BENCH_ROWS=200000 AGNO_BENCH_PARTS=upgrade pnpm bench` (expect about half an hour on a small machine).",
  ].join('\n');
}
