import { RUN_COLUMNS } from '@agno-migrate/core';
import type { DatabaseKind } from '../support/config.js';
import type { BenchDatabase } from '../support/databases.js';
import { MEMORIES, SESSIONS } from './fixture.js';

/**
 * The floor of part 2: the cheapest SQL a person would write by hand for the same 2.0.0 → latest
 * change of the fixture's memories and sessions (the same columns, types, keys, indexes and rows as
 * `up()` leaves, which the bench checks), in one transaction where the database has transactional
 * DDL. Every table is rewritten at most once and indexes are built after the rows are in place.
 * It is written for Agno's data as Agno writes it (string ids in runs), not for every odd value
 * the tool must survive; that is the tool's cost to keep small, not the floor's.
 */
export const RUNS = 'agno_runs';

export interface FloorStatement {
  readonly sql: string;
  readonly params: readonly unknown[];
}

const RUN_INDEXES = ['session_id', 'run_type', 'agent_id', 'team_id', 'workflow_id', 'user_id', 'status', 'created_at'];
const JSON_COLUMNS = ['session_data', 'agent_data', 'team_data', 'workflow_data', 'metadata', 'runs', 'summary'];

/** `now` in seconds, the fallback of memories.created_at and the runs' times (as the tool's). */
export function cheapestStatements(db: BenchDatabase, versionsTable: string, now: number, stampedAt: string): FloorStatement[] {
  const build = BUILDERS[db.kind];
  return build(db, versionsTable, Math.floor(now), stampedAt);
}

type Builder = (db: BenchDatabase, versionsTable: string, now: number, stampedAt: string) => FloorStatement[];

const s = (sql: string, params: readonly unknown[] = []): FloorStatement => ({ sql, params });

function stamps(db: BenchDatabase, versionsTable: string, stampedAt: string, placeholder: (i: number) => string): FloorStatement {
  const rows = [MEMORIES, SESSIONS, RUNS];
  const values = rows.map((_, i) => `(${[1, 2, 3, 4].map((k) => placeholder(i * 4 + k)).join(', ')})`).join(', ');
  return s(
    `INSERT INTO ${db.qualify(versionsTable)} (table_name, version, created_at, updated_at) VALUES ${values}`,
    rows.flatMap((t) => [t, '3.0.0', stampedAt, stampedAt]),
  );
}

const postgres: Builder = (db, versionsTable, now, stampedAt) => {
  const m = db.qualify(MEMORIES);
  const ss = db.qualify(SESSIONS);
  const r = db.qualify(RUNS);
  const q = (n: string) => db.quoteIdent(n);
  // ALTER TABLE takes no parameters; `now` is an integer this process computed.
  const nowLiteral = String(now);
  return [
    s('BEGIN'),
    s(
      `CREATE TABLE ${db.qualify(versionsTable)} (table_name VARCHAR NOT NULL, version VARCHAR NOT NULL, created_at VARCHAR NOT NULL, updated_at VARCHAR, PRIMARY KEY (table_name))`,
    ),
    s(`CREATE INDEX ${q(`idx_${versionsTable}_created_at`)} ON ${db.qualify(versionsTable)} (created_at)`),
    // memories: one rewrite carrying the backfill (a USING expression over updated_at) and both JSON columns.
    s(`ALTER TABLE ${m} ADD COLUMN created_at BIGINT`),
    s(
      `ALTER TABLE ${m} ALTER COLUMN created_at TYPE BIGINT USING COALESCE(updated_at, ${nowLiteral}), ALTER COLUMN created_at SET NOT NULL, ` +
        'ADD COLUMN feedback TEXT, ALTER COLUMN memory TYPE JSONB USING memory::jsonb, ALTER COLUMN topics TYPE JSONB USING topics::jsonb',
    ),
    s(`CREATE INDEX ${q(`idx_${MEMORIES}_created_at`)} ON ${m} (created_at)`),
    // sessions: one rewrite for the seven JSON columns, the primary key built once, after it.
    s(
      `ALTER TABLE ${ss} ${JSON_COLUMNS.map((c) => `ALTER COLUMN ${c} TYPE JSONB USING ${c}::jsonb`).join(', ')}, ` +
        `DROP CONSTRAINT ${q(`${SESSIONS}_uq_session_id`)}, ADD PRIMARY KEY (session_id)`,
    ),
    // runs: the rows first, then the foreign key (checked in one pass) and the indexes.
    s(
      `CREATE TABLE ${r} (run_id VARCHAR NOT NULL, session_id VARCHAR NOT NULL, run_type VARCHAR NOT NULL, agent_id VARCHAR, team_id VARCHAR, ` +
        'workflow_id VARCHAR, user_id VARCHAR, parent_run_id VARCHAR, status VARCHAR, run_index BIGINT, run_data JSONB NOT NULL, ' +
        'created_at BIGINT NOT NULL, updated_at BIGINT, PRIMARY KEY (run_id))',
    ),
    s(
      `INSERT INTO ${r} (${RUN_COLUMNS.join(', ')}) SELECT e.run ->> 'run_id', s.session_id, ` +
        `CASE WHEN COALESCE(e.run ->> 'agent_id', '') <> '' THEN 'agent' WHEN COALESCE(e.run ->> 'team_id', '') <> '' THEN 'team' ELSE 'workflow' END, ` +
        `e.run ->> 'agent_id', e.run ->> 'team_id', e.run ->> 'workflow_id', s.user_id, e.run ->> 'parent_run_id', e.run ->> 'status', e.pos - 1, e.run, ` +
        `CASE WHEN jsonb_typeof(e.run -> 'created_at') = 'number' AND (e.run ->> 'created_at')::numeric <> 0 THEN (e.run ->> 'created_at')::numeric::bigint ELSE $1::bigint END, $1::bigint ` +
        `FROM ${ss} s CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(s.runs) = 'array' THEN s.runs ELSE '[]'::jsonb END) WITH ORDINALITY AS e(run, pos) ` +
        `WHERE s.runs IS NOT NULL AND jsonb_typeof(e.run) = 'object' AND jsonb_typeof(e.run -> 'run_id') NOT IN ('null') ON CONFLICT (run_id) DO NOTHING`,
      [now],
    ),
    s(`ALTER TABLE ${r} ADD FOREIGN KEY (session_id) REFERENCES ${ss} (session_id) ON DELETE CASCADE`),
    ...RUN_INDEXES.map((c) => s(`CREATE INDEX ${q(`idx_${RUNS}_${c}`)} ON ${r} (${c})`)),
    s(`CREATE INDEX ${q(`idx_${RUNS}_session_id_run_index`)} ON ${r} (session_id, run_index)`),
    stamps(db, versionsTable, stampedAt, (i) => `$${i}`),
    s('COMMIT'),
  ];
};

const mysql: Builder = (db, versionsTable, now, stampedAt) => {
  const m = db.qualify(MEMORIES);
  const ss = db.qualify(SESSIONS);
  const r = db.qualify(RUNS);
  const q = (n: string) => db.quoteIdent(n);
  const path = (column: string, type: string) => `${column} ${type} PATH '$.${column}'`;
  return [
    s(
      `CREATE TABLE ${db.qualify(versionsTable)} (table_name VARCHAR(128) NOT NULL, version VARCHAR(10) NOT NULL, created_at VARCHAR(128) NOT NULL, updated_at VARCHAR(128), PRIMARY KEY (table_name))`,
    ),
    s(`CREATE INDEX ${q(`idx_${versionsTable}_created_at`)} ON ${db.qualify(versionsTable)} (created_at)`),
    // memories: both columns added in place (no rebuild), the backfill as one UPDATE, then the
    // default dropped and the index added in one ALTER that rebuilds nothing.
    s(`ALTER TABLE ${m} ADD COLUMN created_at BIGINT NOT NULL DEFAULT 0, ADD COLUMN feedback TEXT, ALGORITHM=INSTANT`),
    s(`UPDATE ${m} SET created_at = COALESCE(updated_at, ?)`, [now]),
    s(`ALTER TABLE ${m} ALTER COLUMN created_at DROP DEFAULT, ADD INDEX ${q(`idx_${MEMORIES}_created_at`)} (created_at)`),
    // sessions: the unique NOT NULL key becomes the primary key in one statement.
    s(`ALTER TABLE ${ss} DROP INDEX ${q(`${SESSIONS}_uq_session_id`)}, ADD PRIMARY KEY (session_id)`),
    // runs: the rows first, then every secondary index in one ALTER.
    s(
      `CREATE TABLE ${r} (run_id VARCHAR(128) NOT NULL, session_id VARCHAR(128) NOT NULL, run_type VARCHAR(20) NOT NULL, agent_id VARCHAR(128), ` +
        'team_id VARCHAR(128), workflow_id VARCHAR(128), user_id VARCHAR(128), parent_run_id VARCHAR(128), status VARCHAR(50), run_index BIGINT, ' +
        `run_data JSON NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT, PRIMARY KEY (run_id), ` +
        `FOREIGN KEY (session_id) REFERENCES ${ss} (session_id) ON DELETE CASCADE)`,
    ),
    s(
      `INSERT INTO ${r} (${RUN_COLUMNS.join(', ')}) SELECT e.run_id, s.session_id, ` +
        `CASE WHEN COALESCE(e.agent_id, '') <> '' THEN 'agent' WHEN COALESCE(e.team_id, '') <> '' THEN 'team' ELSE 'workflow' END, ` +
        'e.agent_id, e.team_id, e.workflow_id, s.user_id, e.parent_run_id, e.status, e.pos - 1, e.run, ' +
        'CASE WHEN e.created_at IS NOT NULL AND e.created_at <> 0 THEN CAST(ROUND(e.created_at) AS SIGNED) ELSE ? END, ? ' +
        `FROM ${ss} s, JSON_TABLE(CASE WHEN JSON_TYPE(s.runs) = 'ARRAY' THEN s.runs ELSE '[]' END, '$[*]' COLUMNS (pos FOR ORDINALITY, run JSON PATH '$', ` +
        `${[
          path('run_id', 'VARCHAR(128)'),
          path('agent_id', 'VARCHAR(128)'),
          path('team_id', 'VARCHAR(128)'),
          path('workflow_id', 'VARCHAR(128)'),
          path('parent_run_id', 'VARCHAR(128)'),
          path('status', 'VARCHAR(50)'),
          path('created_at', 'DECIMAL(30, 6)'),
        ].join(', ')})) e ` +
        `WHERE s.runs IS NOT NULL AND JSON_TYPE(e.run) = 'OBJECT' AND e.run_id IS NOT NULL ON DUPLICATE KEY UPDATE run_id = VALUES(run_id)`,
      [now, now],
    ),
    s(
      `ALTER TABLE ${r} ${RUN_INDEXES.map((c) => `ADD INDEX ${q(`idx_${RUNS}_${c}`)} (${c})`).join(', ')}, ` +
        `ADD INDEX ${q(`${RUNS}_runs_session_id_run_index`)} (session_id, run_index)`,
    ),
    stamps(db, versionsTable, stampedAt, () => '?'),
  ];
};

/** SQLite rewrites nothing for these changes; the floor is the same steps in one transaction, the runs' indexes after their rows. */
const sqlite: Builder = (db, versionsTable, now, stampedAt) => {
  const m = db.qualify(MEMORIES);
  const ss = db.qualify(SESSIONS);
  const r = db.qualify(RUNS);
  const q = (n: string) => db.quoteIdent(n);
  const field = (name: string) => `json_extract(e.value, '$.${name}')`;
  return [
    s('BEGIN'),
    s(
      `CREATE TABLE ${db.qualify(versionsTable)} (table_name VARCHAR NOT NULL, version VARCHAR NOT NULL, created_at VARCHAR NOT NULL, updated_at VARCHAR, PRIMARY KEY (table_name))`,
    ),
    s(`CREATE INDEX ${q(`idx_${versionsTable}_created_at`)} ON ${db.qualify(versionsTable)} (created_at)`),
    s(`ALTER TABLE ${m} ADD COLUMN created_at BIGINT`),
    s(`UPDATE ${m} SET created_at = COALESCE(updated_at, ?)`, [now]),
    s(`ALTER TABLE ${m} ALTER COLUMN created_at SET NOT NULL`),
    s(`CREATE INDEX ${q(`idx_${MEMORIES}_created_at`)} ON ${m} (created_at)`),
    s(`ALTER TABLE ${m} ADD COLUMN feedback VARCHAR`),
    s(
      `CREATE TABLE ${r} (run_id VARCHAR NOT NULL, session_id VARCHAR NOT NULL, run_type VARCHAR NOT NULL, agent_id VARCHAR, team_id VARCHAR, ` +
        'workflow_id VARCHAR, user_id VARCHAR, parent_run_id VARCHAR, status VARCHAR, run_index BIGINT, run_data JSON NOT NULL, ' +
        `created_at BIGINT NOT NULL, updated_at BIGINT, PRIMARY KEY (run_id), FOREIGN KEY(session_id) REFERENCES ${ss} (session_id) ON DELETE CASCADE)`,
    ),
    s(
      `INSERT INTO ${r} (${RUN_COLUMNS.join(', ')}) SELECT ${field('run_id')}, s.session_id, ` +
        `CASE WHEN COALESCE(${field('agent_id')}, '') <> '' THEN 'agent' WHEN COALESCE(${field('team_id')}, '') <> '' THEN 'team' ELSE 'workflow' END, ` +
        `${field('agent_id')}, ${field('team_id')}, ${field('workflow_id')}, s.user_id, ${field('parent_run_id')}, ${field('status')}, e.key, e.value, ` +
        `CASE WHEN json_type(e.value, '$.created_at') IN ('integer', 'real') AND ${field('created_at')} <> 0 THEN CAST(${field('created_at')} AS INTEGER) ELSE ? END, ? ` +
        `FROM ${ss} s, json_each(CASE WHEN json_valid(s.runs) AND json_type(s.runs) = 'array' THEN s.runs ELSE '[]' END) e ` +
        `WHERE s.runs IS NOT NULL AND e.type = 'object' AND json_type(e.value, '$.run_id') NOT IN ('null') ON CONFLICT (run_id) DO NOTHING`,
      [now, now],
    ),
    ...RUN_INDEXES.map((c) => s(`CREATE INDEX ${q(`idx_${RUNS}_${c}`)} ON ${r} (${c})`)),
    s(`CREATE INDEX ${q(`idx_${RUNS}_session_id_run_index`)} ON ${r} (session_id, run_index)`),
    stamps(db, versionsTable, stampedAt, () => '?'),
    s('COMMIT'),
  ];
};

const BUILDERS: Readonly<Record<DatabaseKind, Builder>> = { postgres, mysql, sqlite };
