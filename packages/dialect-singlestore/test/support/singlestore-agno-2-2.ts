import type { Agno22Names } from '@agno-migrate/test-infra';

/**
 * Agno 2.2-era SingleStore tables, written out by hand from the spec (sections 3.1 and 4), not
 * from the tool's catalog: sessions with `SHARD KEY (session_id)` and the unique key
 * `uq_session_type (session_id, session_type)` but no primary key (hand-written DDL in
 * SingleStoreDb); memories without created_at and feedback; metrics with no unique key; the
 * lengths that differ from MySQL (evals.model_provider VARCHAR(50)).
 */
const q = (ident: string) => `\`${ident.replaceAll('`', '``')}\``;

function index(database: string, table: string, column: string): string {
  return `CREATE INDEX ${q(`idx_${table}_${column}`)} ON ${q(database)}.${q(table)} (${q(column)})`;
}

function create(database: string, table: string, lines: string[]): string {
  return `CREATE TABLE ${q(database)}.${q(table)} (\n  ${lines.join(',\n  ')}\n)`;
}

const BUILDERS: Record<keyof Agno22Names, (database: string, t: string) => string[]> = {
  sessions: (db, t) => [
    create(db, t, [
      '`session_id` VARCHAR(128) NOT NULL',
      '`session_type` VARCHAR(20) NOT NULL',
      '`agent_id` VARCHAR(128)',
      '`team_id` VARCHAR(128)',
      '`workflow_id` VARCHAR(128)',
      '`user_id` VARCHAR(128)',
      '`session_data` JSON',
      '`agent_data` JSON',
      '`team_data` JSON',
      '`workflow_data` JSON',
      '`metadata` JSON',
      '`runs` JSON',
      '`summary` JSON',
      '`created_at` BIGINT NOT NULL',
      '`updated_at` BIGINT',
      'SHARD KEY (`session_id`)',
      'UNIQUE KEY `uq_session_type` (`session_id`, `session_type`)',
    ]),
    index(db, t, 'session_type'),
    index(db, t, 'created_at'),
  ],
  memories: (db, t) => [
    create(db, t, [
      '`memory_id` VARCHAR(128) NOT NULL',
      '`memory` JSON NOT NULL',
      '`input` TEXT',
      '`agent_id` VARCHAR(128)',
      '`team_id` VARCHAR(128)',
      '`user_id` VARCHAR(128)',
      '`topics` JSON',
      '`updated_at` BIGINT',
      'PRIMARY KEY (`memory_id`)',
    ]),
    index(db, t, 'user_id'),
    index(db, t, 'updated_at'),
  ],
  metrics: (db, t) => [
    create(db, t, [
      '`id` VARCHAR(128) NOT NULL',
      '`agent_runs_count` BIGINT NOT NULL',
      '`team_runs_count` BIGINT NOT NULL',
      '`workflow_runs_count` BIGINT NOT NULL',
      '`agent_sessions_count` BIGINT NOT NULL',
      '`team_sessions_count` BIGINT NOT NULL',
      '`workflow_sessions_count` BIGINT NOT NULL',
      '`users_count` BIGINT NOT NULL',
      '`token_metrics` JSON NOT NULL',
      '`model_metrics` JSON NOT NULL',
      '`date` DATE NOT NULL',
      '`aggregation_period` VARCHAR(20) NOT NULL',
      '`created_at` BIGINT NOT NULL',
      '`updated_at` BIGINT',
      '`completed` BOOL NOT NULL',
      'PRIMARY KEY (`id`)',
    ]),
    index(db, t, 'date'),
    index(db, t, 'aggregation_period'),
  ],
  evals: (db, t) => [
    create(db, t, [
      '`run_id` VARCHAR(128) NOT NULL',
      '`eval_type` VARCHAR(50) NOT NULL',
      '`eval_data` JSON NOT NULL',
      '`eval_input` JSON NOT NULL',
      '`name` VARCHAR(255)',
      '`agent_id` VARCHAR(128)',
      '`team_id` VARCHAR(128)',
      '`workflow_id` VARCHAR(128)',
      '`model_id` VARCHAR(128)',
      '`model_provider` VARCHAR(50)',
      '`evaluated_component_name` VARCHAR(255)',
      '`created_at` BIGINT NOT NULL',
      '`updated_at` BIGINT',
      'PRIMARY KEY (`run_id`)',
    ]),
    index(db, t, 'created_at'),
  ],
  knowledge: (db, t) => [
    create(db, t, [
      '`id` VARCHAR(128) NOT NULL',
      '`name` VARCHAR(255) NOT NULL',
      '`description` TEXT NOT NULL',
      '`metadata` JSON',
      '`type` VARCHAR(50)',
      '`size` BIGINT',
      '`linked_to` VARCHAR(128)',
      '`access_count` BIGINT',
      '`status` VARCHAR(50)',
      '`status_message` TEXT',
      '`created_at` BIGINT',
      '`updated_at` BIGINT',
      '`external_id` VARCHAR(128)',
      'PRIMARY KEY (`id`)',
    ]),
  ],
  culture: (db, t) => [
    create(db, t, [
      '`id` VARCHAR(128) NOT NULL',
      '`name` VARCHAR(255) NOT NULL',
      '`summary` TEXT',
      '`content` JSON',
      '`metadata` JSON',
      '`input` TEXT',
      '`created_at` BIGINT',
      '`updated_at` BIGINT',
      '`agent_id` VARCHAR(128)',
      '`team_id` VARCHAR(128)',
      'PRIMARY KEY (`id`)',
    ]),
    index(db, t, 'name'),
  ],
};

/** CREATE TABLE and CREATE INDEX statements for every 2.2 table, one per element. */
export function singlestoreAgno22Schema(database: string, names: Agno22Names): string[] {
  return (Object.keys(BUILDERS) as (keyof Agno22Names)[]).flatMap((type) => BUILDERS[type](database, names[type]));
}
