import { TABLE_TYPES, VERSIONS_TABLE } from '@agno-migrate/core';
import { describe, expect, it } from 'vitest';
import { singlestoreDialect } from '../../src/index.js';

const dialect = singlestoreDialect({ url: 'singlestore://agno@s2.example/app' });
const names = Object.fromEntries(TABLE_TYPES.map((t) => [t.type, t.defaultName]));

function create(type: string): string[] {
  const info = type === 'versions' ? VERSIONS_TABLE : TABLE_TYPES.find((t) => t.type === type);
  if (!info) throw new Error(type);
  return dialect.emitter.createTable(info.define('singlestore'), info.defaultName, names).map((s) => {
    expect(s.params).toEqual([]);
    return s.sql;
  });
}

/** Spec section 4, S2 column: lengths, SHARD KEY on sessions, no metrics unique key, no foreign key. */
describe('SingleStore CREATE TABLE, as Agno creates it', () => {
  it('memories', () => {
    expect(create('memories')).toEqual([
      [
        'CREATE TABLE `app`.`agno_memories` (',
        '\t`memory_id` VARCHAR(128) NOT NULL,',
        '\t`memory` JSON NOT NULL,',
        '\t`feedback` TEXT,',
        '\t`input` TEXT,',
        '\t`agent_id` VARCHAR(128),',
        '\t`team_id` VARCHAR(128),',
        '\t`user_id` VARCHAR(128),',
        '\t`topics` JSON,',
        '\t`created_at` BIGINT NOT NULL,',
        '\t`updated_at` BIGINT,',
        '\tPRIMARY KEY (`memory_id`)',
        ')',
      ].join('\n'),
      'CREATE INDEX `idx_agno_memories_user_id` ON `app`.`agno_memories` (`user_id`)',
      'CREATE INDEX `idx_agno_memories_created_at` ON `app`.`agno_memories` (`created_at`)',
      'CREATE INDEX `idx_agno_memories_updated_at` ON `app`.`agno_memories` (`updated_at`)',
    ]);
  });

  it('sessions (Agno 3.0: runs live in their own table)', () => {
    expect(create('sessions')).toEqual([
      [
        'CREATE TABLE `app`.`agno_sessions` (',
        '\t`session_id` VARCHAR(128) NOT NULL,',
        '\t`session_type` VARCHAR(20) NOT NULL,',
        '\t`agent_id` VARCHAR(128),',
        '\t`team_id` VARCHAR(128),',
        '\t`workflow_id` VARCHAR(128),',
        '\t`user_id` VARCHAR(128),',
        '\t`session_data` JSON,',
        '\t`agent_data` JSON,',
        '\t`team_data` JSON,',
        '\t`workflow_data` JSON,',
        '\t`metadata` JSON,',
        '\t`summary` JSON,',
        '\t`created_at` BIGINT NOT NULL,',
        '\t`updated_at` BIGINT,',
        '\tPRIMARY KEY (`session_id`),',
        '\tSHARD KEY (`session_id`)',
        ')',
      ].join('\n'),
      'CREATE INDEX `idx_agno_sessions_session_type` ON `app`.`agno_sessions` (`session_type`)',
      'CREATE INDEX `idx_agno_sessions_created_at` ON `app`.`agno_sessions` (`created_at`)',
    ]);
  });

  it('metrics: per-user rows, still no unique key', () => {
    expect(create('metrics')).toEqual([
      [
        'CREATE TABLE `app`.`agno_metrics` (',
        '\t`id` VARCHAR(128) NOT NULL,',
        '\t`agent_runs_count` BIGINT NOT NULL,',
        '\t`team_runs_count` BIGINT NOT NULL,',
        '\t`workflow_runs_count` BIGINT NOT NULL,',
        '\t`agent_sessions_count` BIGINT NOT NULL,',
        '\t`team_sessions_count` BIGINT NOT NULL,',
        '\t`workflow_sessions_count` BIGINT NOT NULL,',
        '\t`users_count` BIGINT NOT NULL,',
        '\t`token_metrics` JSON NOT NULL,',
        '\t`model_metrics` JSON NOT NULL,',
        '\t`date` DATE NOT NULL,',
        '\t`aggregation_period` VARCHAR(20) NOT NULL,',
        '\t`user_id` VARCHAR(128) NOT NULL,',
        '\t`created_at` BIGINT NOT NULL,',
        '\t`updated_at` BIGINT,',
        '\t`completed` BOOL NOT NULL,',
        '\tPRIMARY KEY (`id`)',
        ')',
      ].join('\n'),
      'CREATE INDEX `idx_agno_metrics_date` ON `app`.`agno_metrics` (`date`)',
      'CREATE INDEX `idx_agno_metrics_aggregation_period` ON `app`.`agno_metrics` (`aggregation_period`)',
      'CREATE INDEX `idx_agno_metrics_user_id` ON `app`.`agno_metrics` (`user_id`)',
    ]);
  });

  it('evals: user_id last', () => {
    expect(create('evals')).toEqual([
      [
        'CREATE TABLE `app`.`agno_eval_runs` (',
        '\t`run_id` VARCHAR(128) NOT NULL,',
        '\t`eval_type` VARCHAR(50) NOT NULL,',
        '\t`eval_data` JSON NOT NULL,',
        '\t`eval_input` JSON NOT NULL,',
        '\t`name` VARCHAR(255),',
        '\t`agent_id` VARCHAR(128),',
        '\t`team_id` VARCHAR(128),',
        '\t`workflow_id` VARCHAR(128),',
        '\t`model_id` VARCHAR(128),',
        '\t`model_provider` VARCHAR(50),',
        '\t`evaluated_component_name` VARCHAR(255),',
        '\t`created_at` BIGINT NOT NULL,',
        '\t`updated_at` BIGINT,',
        '\t`user_id` VARCHAR(128),',
        '\tPRIMARY KEY (`run_id`)',
        ')',
      ].join('\n'),
      'CREATE INDEX `idx_agno_eval_runs_created_at` ON `app`.`agno_eval_runs` (`created_at`)',
      'CREATE INDEX `idx_agno_eval_runs_user_id` ON `app`.`agno_eval_runs` (`user_id`)',
    ]);
  });

  it('knowledge: user_id last, no composite', () => {
    expect(create('knowledge')).toEqual([
      [
        'CREATE TABLE `app`.`agno_knowledge` (',
        '\t`id` VARCHAR(128) NOT NULL,',
        '\t`name` VARCHAR(255) NOT NULL,',
        '\t`description` TEXT NOT NULL,',
        '\t`metadata` JSON,',
        '\t`type` VARCHAR(50),',
        '\t`size` BIGINT,',
        '\t`linked_to` VARCHAR(128),',
        '\t`access_count` BIGINT,',
        '\t`status` VARCHAR(50),',
        '\t`status_message` TEXT,',
        '\t`created_at` BIGINT,',
        '\t`updated_at` BIGINT,',
        '\t`external_id` VARCHAR(128),',
        '\t`user_id` VARCHAR(128),',
        '\tPRIMARY KEY (`id`)',
        ')',
      ].join('\n'),
      'CREATE INDEX `idx_agno_knowledge_user_id` ON `app`.`agno_knowledge` (`user_id`)',
    ]);
  });

  it('runs: keyed by (run_id, session_id), sharded by session_id, no foreign key, the composite under its declared name', () => {
    expect(create('runs')).toEqual([
      [
        'CREATE TABLE `app`.`agno_runs` (',
        '\t`run_id` VARCHAR(128) NOT NULL,',
        '\t`session_id` VARCHAR(128) NOT NULL,',
        '\t`run_type` VARCHAR(20) NOT NULL,',
        '\t`agent_id` VARCHAR(128),',
        '\t`team_id` VARCHAR(128),',
        '\t`workflow_id` VARCHAR(128),',
        '\t`user_id` VARCHAR(128),',
        '\t`parent_run_id` VARCHAR(128),',
        '\t`status` VARCHAR(50),',
        '\t`run_index` BIGINT,',
        '\t`run_data` JSON NOT NULL,',
        '\t`created_at` BIGINT NOT NULL,',
        '\t`updated_at` BIGINT,',
        '\tPRIMARY KEY (`run_id`, `session_id`),',
        '\tSHARD KEY (`session_id`)',
        ')',
      ].join('\n'),
      'CREATE INDEX `idx_agno_runs_session_id` ON `app`.`agno_runs` (`session_id`)',
      'CREATE INDEX `idx_agno_runs_run_type` ON `app`.`agno_runs` (`run_type`)',
      'CREATE INDEX `idx_agno_runs_agent_id` ON `app`.`agno_runs` (`agent_id`)',
      'CREATE INDEX `idx_agno_runs_team_id` ON `app`.`agno_runs` (`team_id`)',
      'CREATE INDEX `idx_agno_runs_workflow_id` ON `app`.`agno_runs` (`workflow_id`)',
      'CREATE INDEX `idx_agno_runs_user_id` ON `app`.`agno_runs` (`user_id`)',
      'CREATE INDEX `idx_agno_runs_status` ON `app`.`agno_runs` (`status`)',
      'CREATE INDEX `idx_agno_runs_created_at` ON `app`.`agno_runs` (`created_at`)',
      'CREATE INDEX `agno_runs_runs_session_id_run_index` ON `app`.`agno_runs` (`session_id`, `run_index`)',
    ]);
  });

  it('below 3.0.0: the 2.x sessions, metrics, evals and knowledge', () => {
    const at = (type: string) =>
      dialect.emitter.createTable(TABLE_TYPES.find((t) => t.type === type)!.define('singlestore', '2.5.6'), type, names)[0]!.sql;
    expect(at('sessions')).toContain('\t`runs` JSON,\n');
    for (const type of ['metrics', 'evals', 'knowledge']) expect(at(type), type).not.toContain('user_id');
  });

  it('culture', () => {
    expect(create('culture')).toEqual([
      [
        'CREATE TABLE `app`.`agno_culture` (',
        '\t`id` VARCHAR(128) NOT NULL,',
        '\t`name` VARCHAR(255) NOT NULL,',
        '\t`summary` TEXT,',
        '\t`content` JSON,',
        '\t`metadata` JSON,',
        '\t`input` TEXT,',
        '\t`created_at` BIGINT,',
        '\t`updated_at` BIGINT,',
        '\t`agent_id` VARCHAR(128),',
        '\t`team_id` VARCHAR(128),',
        '\tPRIMARY KEY (`id`)',
        ')',
      ].join('\n'),
      'CREATE INDEX `idx_agno_culture_name` ON `app`.`agno_culture` (`name`)',
    ]);
  });

  it('traces', () => {
    expect(create('traces')).toEqual([
      [
        'CREATE TABLE `app`.`agno_traces` (',
        '\t`trace_id` VARCHAR(128) NOT NULL,',
        '\t`name` VARCHAR(512) NOT NULL,',
        '\t`status` VARCHAR(20) NOT NULL,',
        '\t`start_time` VARCHAR(64) NOT NULL,',
        '\t`end_time` VARCHAR(64) NOT NULL,',
        '\t`duration_ms` BIGINT NOT NULL,',
        '\t`run_id` VARCHAR(128),',
        '\t`session_id` VARCHAR(128),',
        '\t`user_id` VARCHAR(128),',
        '\t`agent_id` VARCHAR(128),',
        '\t`team_id` VARCHAR(128),',
        '\t`workflow_id` VARCHAR(128),',
        '\t`created_at` VARCHAR(64) NOT NULL,',
        '\tPRIMARY KEY (`trace_id`)',
        ')',
      ].join('\n'),
      'CREATE INDEX `idx_agno_traces_status` ON `app`.`agno_traces` (`status`)',
      'CREATE INDEX `idx_agno_traces_start_time` ON `app`.`agno_traces` (`start_time`)',
      'CREATE INDEX `idx_agno_traces_run_id` ON `app`.`agno_traces` (`run_id`)',
      'CREATE INDEX `idx_agno_traces_session_id` ON `app`.`agno_traces` (`session_id`)',
      'CREATE INDEX `idx_agno_traces_user_id` ON `app`.`agno_traces` (`user_id`)',
      'CREATE INDEX `idx_agno_traces_agent_id` ON `app`.`agno_traces` (`agent_id`)',
      'CREATE INDEX `idx_agno_traces_team_id` ON `app`.`agno_traces` (`team_id`)',
      'CREATE INDEX `idx_agno_traces_workflow_id` ON `app`.`agno_traces` (`workflow_id`)',
      'CREATE INDEX `idx_agno_traces_created_at` ON `app`.`agno_traces` (`created_at`)',
    ]);
  });

  it('spans', () => {
    expect(create('spans')).toEqual([
      [
        'CREATE TABLE `app`.`agno_spans` (',
        '\t`span_id` VARCHAR(128) NOT NULL,',
        '\t`trace_id` VARCHAR(128) NOT NULL,',
        '\t`parent_span_id` VARCHAR(128),',
        '\t`name` VARCHAR(512) NOT NULL,',
        '\t`span_kind` VARCHAR(50) NOT NULL,',
        '\t`status_code` VARCHAR(20) NOT NULL,',
        '\t`status_message` TEXT,',
        '\t`start_time` VARCHAR(64) NOT NULL,',
        '\t`end_time` VARCHAR(64) NOT NULL,',
        '\t`duration_ms` BIGINT NOT NULL,',
        '\t`attributes` JSON,',
        '\t`created_at` VARCHAR(64) NOT NULL,',
        '\tPRIMARY KEY (`span_id`)',
        ')',
      ].join('\n'),
      'CREATE INDEX `idx_agno_spans_trace_id` ON `app`.`agno_spans` (`trace_id`)',
      'CREATE INDEX `idx_agno_spans_parent_span_id` ON `app`.`agno_spans` (`parent_span_id`)',
      'CREATE INDEX `idx_agno_spans_start_time` ON `app`.`agno_spans` (`start_time`)',
      'CREATE INDEX `idx_agno_spans_created_at` ON `app`.`agno_spans` (`created_at`)',
    ]);
  });

  it('versions', () => {
    expect(create('versions')).toEqual([
      [
        'CREATE TABLE `app`.`agno_schema_versions` (',
        '\t`table_name` VARCHAR(128) NOT NULL,',
        '\t`version` VARCHAR(10) NOT NULL,',
        '\t`created_at` VARCHAR(128) NOT NULL,',
        '\t`updated_at` VARCHAR(128),',
        '\tPRIMARY KEY (`table_name`)',
        ')',
      ].join('\n'),
      'CREATE INDEX `idx_agno_schema_versions_created_at` ON `app`.`agno_schema_versions` (`created_at`)',
    ]);
  });

  it('creates only the tables Agno creates on SingleStore', () => {
    expect(TABLE_TYPES.filter((t) => t.flavors.includes('singlestore')).map((t) => t.type)).toEqual([
      'memories',
      'sessions',
      'metrics',
      'evals',
      'knowledge',
      'culture',
      'runs',
      'traces',
      'spans',
    ]);
  });
});
