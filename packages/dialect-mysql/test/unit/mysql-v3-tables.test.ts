import { resolveTableType, TABLE_TYPES } from '@agno-migrate/core';
import { describe, expect, it } from 'vitest';
import { mysqlDialect } from '../../src/index.js';

const dialect = mysqlDialect({ url: 'mysql://agno@db.example/app', schema: 'ai' });
const names = Object.fromEntries(TABLE_TYPES.map((t) => [t.type, t.defaultName]));
const create = (type: string, version?: string) =>
  dialect.emitter.createTable(resolveTableType(type).define('mysql', version), names[type]!, names).map((s) => s.sql);
const table = (name: string, lines: readonly string[]) =>
  [`CREATE TABLE \`ai\`.\`${name}\` (`, ...lines.map((l, i) => `\t${l}${i < lines.length - 1 ? ',' : ''}`), ')'].join('\n');
const index = (table: string, name: string, columns: string) => `CREATE INDEX \`${name}\` ON \`ai\`.\`${table}\` (${columns})`;

describe('MySQL CREATE TABLE at Agno 3.0', () => {
  it('runs: the composite index under its declared name, a cascading foreign key to sessions', () => {
    expect(create('runs')).toEqual([
      table('agno_runs', [
        '`run_id` VARCHAR(128) NOT NULL',
        '`session_id` VARCHAR(128) NOT NULL',
        '`run_type` VARCHAR(20) NOT NULL',
        '`agent_id` VARCHAR(128)',
        '`team_id` VARCHAR(128)',
        '`workflow_id` VARCHAR(128)',
        '`user_id` VARCHAR(128)',
        '`parent_run_id` VARCHAR(128)',
        '`status` VARCHAR(50)',
        '`run_index` BIGINT',
        '`run_data` JSON NOT NULL',
        '`created_at` BIGINT NOT NULL',
        '`updated_at` BIGINT',
        'PRIMARY KEY (`run_id`)',
        'FOREIGN KEY(`session_id`) REFERENCES `ai`.`agno_sessions` (`session_id`) ON DELETE CASCADE',
      ]),
      index('agno_runs', 'idx_agno_runs_session_id', '`session_id`'),
      index('agno_runs', 'idx_agno_runs_run_type', '`run_type`'),
      index('agno_runs', 'idx_agno_runs_agent_id', '`agent_id`'),
      index('agno_runs', 'idx_agno_runs_team_id', '`team_id`'),
      index('agno_runs', 'idx_agno_runs_workflow_id', '`workflow_id`'),
      index('agno_runs', 'idx_agno_runs_user_id', '`user_id`'),
      index('agno_runs', 'idx_agno_runs_status', '`status`'),
      index('agno_runs', 'idx_agno_runs_created_at', '`created_at`'),
      index('agno_runs', 'agno_runs_runs_session_id_run_index', '`session_id`, `run_index`'),
    ]);
  });

  it('a renamed runs table prefixes the declared index name', () => {
    const sql = dialect.emitter
      .createTable(resolveTableType('runs').define('mysql'), 'chat_runs', { ...names, sessions: 'chat' })
      .map((s) => s.sql);
    expect(sql[0]).toContain('REFERENCES `ai`.`chat` (`session_id`) ON DELETE CASCADE');
    expect(sql.at(-1)).toBe(index('chat_runs', 'chat_runs_runs_session_id_run_index', '`session_id`, `run_index`'));
  });

  it('evals: user_id VARCHAR(128) as the last column', () => {
    expect(create('evals')).toEqual([
      table('agno_eval_runs', [
        '`run_id` VARCHAR(128) NOT NULL',
        '`eval_type` VARCHAR(50) NOT NULL',
        '`eval_data` JSON NOT NULL',
        '`eval_input` JSON NOT NULL',
        '`name` VARCHAR(255)',
        '`agent_id` VARCHAR(128)',
        '`team_id` VARCHAR(128)',
        '`workflow_id` VARCHAR(128)',
        '`model_id` VARCHAR(128)',
        '`model_provider` VARCHAR(128)',
        '`evaluated_component_name` VARCHAR(255)',
        '`created_at` BIGINT NOT NULL',
        '`updated_at` BIGINT',
        '`user_id` VARCHAR(128)',
        'PRIMARY KEY (`run_id`)',
      ]),
      index('agno_eval_runs', 'idx_agno_eval_runs_created_at', '`created_at`'),
      index('agno_eval_runs', 'idx_agno_eval_runs_user_id', '`user_id`'),
    ]);
  });

  it('knowledge: user_id last, without the composite PostgreSQL and SQLite have', () => {
    expect(create('knowledge')).toEqual([
      table('agno_knowledge', [
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
        '`user_id` VARCHAR(128)',
        'PRIMARY KEY (`id`)',
      ]),
      index('agno_knowledge', 'idx_agno_knowledge_user_id', '`user_id`'),
    ]);
  });

  it('metrics: user_id NOT NULL without a server default, in the unique key', () => {
    expect(create('metrics')).toEqual([
      table('agno_metrics', [
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
        '`user_id` VARCHAR(128) NOT NULL',
        '`created_at` BIGINT NOT NULL',
        '`updated_at` BIGINT',
        '`completed` BOOL NOT NULL',
        'PRIMARY KEY (`id`)',
        'CONSTRAINT `agno_metrics_uq_metrics_user_date_period` UNIQUE (`user_id`, `date`, `aggregation_period`)',
      ]),
      index('agno_metrics', 'idx_agno_metrics_date', '`date`'),
      index('agno_metrics', 'idx_agno_metrics_user_id', '`user_id`'),
    ]);
  });

  it('below 3.0.0: sessions with the runs blob, metrics keyed by (date, aggregation_period), no owners', () => {
    expect(create('sessions', '2.5.6')[0]).toContain('\t`runs` JSON,\n');
    expect(create('metrics', '2.5.6')[0]).toContain(
      'CONSTRAINT `agno_metrics_uq_metrics_date_period` UNIQUE (`date`, `aggregation_period`)',
    );
    expect(create('evals', '2.5.6')[0]).not.toContain('user_id');
    expect(create('knowledge', '2.5.6')[0]).not.toContain('user_id');
  });
});
