import type { DatabaseKind } from '../support/config.js';
import type { BenchDatabase } from '../support/databases.js';

/**
 * Agno 2.0.0-era memories and sessions (spec 3.1), written out by hand rather than produced by the
 * tool, filled server-side with `rows` rows each: memories without created_at and feedback (one in
 * ten without updated_at, so the backfill's COALESCE matters), sessions with the
 * `<table>_uq_session_id` unique key (and no primary key outside SQLite), JSON rather than JSONB.
 */
export const MEMORIES = 'agno_memories';
export const SESSIONS = 'agno_sessions';

interface Sql {
  readonly text: string;
  readonly varchar: (length: number) => string;
  readonly concat: (...parts: string[]) => string;
  readonly object: (...pairs: [string, string][]) => string;
  readonly array: (...items: string[]) => string;
  readonly pad: (expression: string) => string;
  readonly series: (select: string) => string;
}

const FILLER = 'The user asked about the quarterly report, the agent searched three sources and summarised them in a short answer. ';

const SQL: Readonly<Record<DatabaseKind, Sql>> = {
  sqlite: {
    text: 'VARCHAR',
    varchar: () => 'VARCHAR',
    concat: (...parts) => parts.join(' || '),
    object: (...pairs) => `json_object(${pairs.map(([k, v]) => `'${k}', ${v}`).join(', ')})`,
    array: (...items) => `json_array(${items.join(', ')})`,
    pad: (e) => `printf('%08d', ${e})`,
    series: (select) => `WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < ?) ${select} FROM seq`,
  },
  postgres: {
    text: 'VARCHAR',
    varchar: () => 'VARCHAR',
    concat: (...parts) => parts.join(' || '),
    object: (...pairs) => `json_build_object(${pairs.map(([k, v]) => `'${k}', ${v}`).join(', ')})`,
    array: (...items) => `json_build_array(${items.join(', ')})`,
    pad: (e) => `lpad(${e}::text, 8, '0')`,
    series: (select) => `${select} FROM generate_series(1, $1::int) AS seq(n)`,
  },
  mysql: {
    text: 'TEXT',
    varchar: (length) => `VARCHAR(${length})`,
    concat: (...parts) => `CONCAT(${parts.join(', ')})`,
    object: (...pairs) => `JSON_OBJECT(${pairs.map(([k, v]) => `'${k}', ${v}`).join(', ')})`,
    array: (...items) => `JSON_ARRAY(${items.join(', ')})`,
    pad: (e) => `LPAD(${e}, 8, '0')`,
    series: (select) => `WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < ?) ${select} FROM seq`,
  },
};

export function dropStatements(db: BenchDatabase, versionsTable: string): string[] {
  return [MEMORIES, SESSIONS, versionsTable].map((t) => `DROP TABLE IF EXISTS ${db.qualify(t)}`);
}

export function createStatements(db: BenchDatabase): string[] {
  const s = SQL[db.kind];
  const q = (n: string) => db.quoteIdent(n);
  const v = s.varchar;
  const index = (table: string, column: string) => `CREATE INDEX ${q(`idx_${table}_${column}`)} ON ${db.qualify(table)} (${q(column)})`;
  const sessionsKey = db.kind === 'sqlite' ? `PRIMARY KEY (${q('session_id')}), ` : '';
  const statements = db.kind === 'postgres' ? [`CREATE SCHEMA IF NOT EXISTS ${q(db.namespace!)}`] : [];
  return [
    ...statements,
    `CREATE TABLE ${db.qualify(MEMORIES)} (memory_id ${v(128)} NOT NULL, memory JSON NOT NULL, input ${s.text}, agent_id ${v(128)}, ` +
      `team_id ${v(128)}, user_id ${v(128)}, topics JSON, updated_at BIGINT, PRIMARY KEY (memory_id))`,
    index(MEMORIES, 'user_id'),
    index(MEMORIES, 'updated_at'),
    `CREATE TABLE ${db.qualify(SESSIONS)} (session_id ${v(128)} NOT NULL, session_type ${v(20)} NOT NULL, agent_id ${v(128)}, ` +
      `team_id ${v(128)}, workflow_id ${v(128)}, user_id ${v(128)}, session_data JSON, agent_data JSON, team_data JSON, ` +
      `workflow_data JSON, metadata JSON, runs JSON, summary JSON, created_at BIGINT NOT NULL, updated_at BIGINT, ` +
      `${sessionsKey}CONSTRAINT ${q(`${SESSIONS}_uq_session_id`)} UNIQUE (session_id))`,
    index(SESSIONS, 'session_type'),
    index(SESSIONS, 'created_at'),
  ];
}

/** MariaDB stops recursive CTEs at 1000 rows unless told otherwise (MySQL 8 names the limit differently). */
export const RECURSION_LIMITS = ['SET SESSION max_recursive_iterations = 4294967295', 'SET SESSION cte_max_recursion_depth = 4294967295'];

/** Two INSERT … SELECT statements, each taking the row count as its one parameter. */
export function fillStatements(db: BenchDatabase): string[] {
  const s = SQL[db.kind];
  const filler = `'${FILLER}'`;
  const run = (i: number) =>
    s.object(
      ['run_id', s.concat(`'run-'`, 'n', `'-${i}'`)],
      ['status', `'COMPLETED'`],
      ['content', s.concat(filler, filler)],
      ['metrics', s.object(['input_tokens', 'n'], ['output_tokens', '120'])],
    );
  return [
    `INSERT INTO ${db.qualify(MEMORIES)} (memory_id, memory, input, agent_id, user_id, topics, updated_at) ` +
      s.series(
        `SELECT ${s.concat(`'mem-'`, s.pad('n'))}, ${s.object(['memory', s.concat(`'The user prefers answers in French, item '`, 'n')], ['topics', s.array(`'language'`, `'preferences'`)])}, ` +
          `${s.concat(`'remember that '`, filler)}, 'agent-1', ${s.concat(`'user-'`, '(n % 1000)')}, ${s.array(`'language'`, `'preferences'`)}, ` +
          `CASE WHEN n % 10 = 0 THEN NULL ELSE 1700000000 + n END`,
      ),
    `INSERT INTO ${db.qualify(SESSIONS)} (session_id, session_type, agent_id, user_id, session_data, metadata, runs, summary, created_at, updated_at) ` +
      s.series(
        `SELECT ${s.concat(`'sess-'`, s.pad('n'))}, 'agent', 'agent-1', ${s.concat(`'user-'`, '(n % 1000)')}, ` +
          `${s.object(['session_state', s.object(['step', 'n'], ['cart', s.array(`'book'`, `'pen'`)])])}, ${s.object(['source', `'bench'`])}, ` +
          `${s.array(run(1), run(2))}, ${s.object(['summary', filler])}, 1700000000 + n, 1700000100 + n`,
      ),
  ];
}
