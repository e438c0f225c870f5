import { resolveTableType, TABLE_TYPES } from '@agno-migrate/core';
import { describe, expect, it } from 'vitest';
import { sqliteDialect } from '../src/index.js';

const dialect = sqliteDialect(':memory:');
const names = Object.fromEntries(TABLE_TYPES.map((t) => [t.type, t.defaultName]));
const create = (type: string, version?: string) =>
  dialect.emitter.createTable(resolveTableType(type).define('sqlite', version), names[type]!, names).map((s) => s.sql);
const table = (name: string, lines: readonly string[]) =>
  [`CREATE TABLE "${name}" (`, ...lines.map((l, i) => `\t${l}${i < lines.length - 1 ? ',' : ''}`), ')'].join('\n');
const index = (table: string, name: string, columns: string) => `CREATE INDEX "${name}" ON "${table}" (${columns})`;

describe('SQLite CREATE TABLE of the tables Agno 3.0 adds', () => {
  it('runs: JSON run_data, a cascading foreign key to sessions, the composite named from its columns', () => {
    expect(create('runs')).toEqual([
      table('agno_runs', [
        '"run_id" VARCHAR NOT NULL',
        '"session_id" VARCHAR NOT NULL',
        '"run_type" VARCHAR NOT NULL',
        '"agent_id" VARCHAR',
        '"team_id" VARCHAR',
        '"workflow_id" VARCHAR',
        '"user_id" VARCHAR',
        '"parent_run_id" VARCHAR',
        '"status" VARCHAR',
        '"run_index" BIGINT',
        '"run_data" JSON NOT NULL',
        '"created_at" BIGINT NOT NULL',
        '"updated_at" BIGINT',
        'PRIMARY KEY ("run_id")',
        'FOREIGN KEY("session_id") REFERENCES "agno_sessions" ("session_id") ON DELETE CASCADE',
      ]),
      index('agno_runs', 'idx_agno_runs_session_id', '"session_id"'),
      index('agno_runs', 'idx_agno_runs_run_type', '"run_type"'),
      index('agno_runs', 'idx_agno_runs_agent_id', '"agent_id"'),
      index('agno_runs', 'idx_agno_runs_team_id', '"team_id"'),
      index('agno_runs', 'idx_agno_runs_workflow_id', '"workflow_id"'),
      index('agno_runs', 'idx_agno_runs_user_id', '"user_id"'),
      index('agno_runs', 'idx_agno_runs_status', '"status"'),
      index('agno_runs', 'idx_agno_runs_created_at', '"created_at"'),
      index('agno_runs', 'idx_agno_runs_session_id_run_index', '"session_id", "run_index"'),
    ]);
  });

  it('tool_results: a VARCHAR preview, the named unique and the composite', () => {
    expect(create('tool_results')).toEqual([
      table('agno_tool_results', [
        '"result_id" VARCHAR NOT NULL',
        '"namespace" VARCHAR NOT NULL',
        '"path" VARCHAR NOT NULL',
        '"session_id" VARCHAR NOT NULL',
        '"run_id" VARCHAR NOT NULL',
        '"tool_call_id" VARCHAR NOT NULL',
        '"tool_name" VARCHAR NOT NULL',
        '"args_hash" VARCHAR NOT NULL',
        '"content_type" VARCHAR NOT NULL',
        '"size_bytes" BIGINT NOT NULL',
        '"line_count" BIGINT NOT NULL',
        '"preview" VARCHAR NOT NULL',
        '"user_id" VARCHAR',
        '"created_at" BIGINT NOT NULL',
        '"expires_at" BIGINT',
        'PRIMARY KEY ("result_id")',
        'CONSTRAINT "agno_tool_results_uq_tool_results_namespace_path" UNIQUE ("namespace", "path")',
      ]),
      index('agno_tool_results', 'idx_agno_tool_results_expires_at', '"expires_at"'),
      index('agno_tool_results', 'idx_agno_tool_results_session_id_created_at', '"session_id", "created_at"'),
    ]);
  });
});

describe('SQLite CREATE TABLE of the tables Agno 3.0 gives an owner', () => {
  it('evals: user_id before created_at', () => {
    expect(create('evals')).toEqual([
      table('agno_eval_runs', [
        '"run_id" VARCHAR NOT NULL',
        '"eval_type" VARCHAR NOT NULL',
        '"eval_data" JSON NOT NULL',
        '"eval_input" JSON NOT NULL',
        '"name" VARCHAR',
        '"agent_id" VARCHAR',
        '"team_id" VARCHAR',
        '"workflow_id" VARCHAR',
        '"model_id" VARCHAR',
        '"model_provider" VARCHAR',
        '"evaluated_component_name" VARCHAR',
        '"user_id" VARCHAR',
        '"created_at" BIGINT NOT NULL',
        '"updated_at" BIGINT',
        'PRIMARY KEY ("run_id")',
      ]),
      index('agno_eval_runs', 'idx_agno_eval_runs_user_id', '"user_id"'),
      index('agno_eval_runs', 'idx_agno_eval_runs_created_at', '"created_at"'),
    ]);
  });

  it('knowledge: user_id last, with the (user_id, linked_to) index', () => {
    expect(create('knowledge')).toEqual([
      table('agno_knowledge', [
        '"id" VARCHAR NOT NULL',
        '"name" VARCHAR NOT NULL',
        '"description" VARCHAR NOT NULL',
        '"metadata" JSON',
        '"type" VARCHAR',
        '"size" BIGINT',
        '"linked_to" VARCHAR',
        '"access_count" BIGINT',
        '"status" VARCHAR',
        '"status_message" VARCHAR',
        '"created_at" BIGINT',
        '"updated_at" BIGINT',
        '"external_id" VARCHAR',
        '"user_id" VARCHAR',
        'PRIMARY KEY ("id")',
      ]),
      index('agno_knowledge', 'idx_agno_knowledge_user_id', '"user_id"'),
      index('agno_knowledge', 'idx_agno_knowledge_user_id_linked_to', '"user_id", "linked_to"'),
    ]);
  });

  it('metrics: user_id NOT NULL after aggregation_period, in the unique key', () => {
    expect(create('metrics')).toEqual([
      table('agno_metrics', [
        '"id" VARCHAR NOT NULL',
        '"agent_runs_count" BIGINT NOT NULL',
        '"team_runs_count" BIGINT NOT NULL',
        '"workflow_runs_count" BIGINT NOT NULL',
        '"agent_sessions_count" BIGINT NOT NULL',
        '"team_sessions_count" BIGINT NOT NULL',
        '"workflow_sessions_count" BIGINT NOT NULL',
        '"users_count" BIGINT NOT NULL',
        '"token_metrics" JSON NOT NULL',
        '"model_metrics" JSON NOT NULL',
        '"date" DATE NOT NULL',
        '"aggregation_period" VARCHAR NOT NULL',
        '"user_id" VARCHAR NOT NULL',
        '"created_at" BIGINT NOT NULL',
        '"updated_at" BIGINT',
        '"completed" BOOLEAN NOT NULL',
        'PRIMARY KEY ("id")',
        'CONSTRAINT "agno_metrics_uq_metrics_user_date_period" UNIQUE ("user_id", "date", "aggregation_period")',
      ]),
      index('agno_metrics', 'idx_agno_metrics_date', '"date"'),
      index('agno_metrics', 'idx_agno_metrics_aggregation_period', '"aggregation_period"'),
      index('agno_metrics', 'idx_agno_metrics_user_id', '"user_id"'),
    ]);
  });

  it('components: user_id after the (required) name', () => {
    expect(create('components')).toEqual([
      table('agno_components', [
        '"component_id" VARCHAR NOT NULL',
        '"component_type" VARCHAR NOT NULL',
        '"name" VARCHAR NOT NULL',
        '"user_id" VARCHAR',
        '"description" VARCHAR',
        '"current_version" BIGINT',
        '"metadata" JSON',
        '"created_at" BIGINT NOT NULL',
        '"updated_at" BIGINT',
        '"deleted_at" BIGINT',
        'PRIMARY KEY ("component_id")',
      ]),
      index('agno_components', 'idx_agno_components_component_type', '"component_type"'),
      index('agno_components', 'idx_agno_components_name', '"name"'),
      index('agno_components', 'idx_agno_components_user_id', '"user_id"'),
      index('agno_components', 'idx_agno_components_current_version', '"current_version"'),
      index('agno_components', 'idx_agno_components_created_at', '"created_at"'),
    ]);
  });

  it('schedules: owner and provenance as VARCHAR, both composites, names unique per owner', () => {
    expect(create('schedules')).toEqual([
      table('agno_schedules', [
        '"id" VARCHAR NOT NULL',
        '"name" VARCHAR NOT NULL',
        '"description" VARCHAR',
        '"method" VARCHAR NOT NULL',
        '"endpoint" VARCHAR NOT NULL',
        '"payload" JSON',
        '"cron_expr" VARCHAR NOT NULL',
        '"timezone" VARCHAR NOT NULL',
        '"timeout_seconds" BIGINT NOT NULL',
        '"max_retries" BIGINT NOT NULL',
        '"retry_delay_seconds" BIGINT NOT NULL',
        '"enabled" BOOLEAN NOT NULL',
        '"next_run_at" BIGINT',
        '"locked_by" VARCHAR',
        '"locked_at" BIGINT',
        '"user_id" VARCHAR',
        '"managed_by" VARCHAR',
        '"target_type" VARCHAR',
        '"target_id" VARCHAR',
        '"created_by_run_id" VARCHAR',
        '"created_by_session_id" VARCHAR',
        '"updated_by_run_id" VARCHAR',
        '"updated_by_session_id" VARCHAR',
        '"disabled_reason" VARCHAR',
        '"created_at" BIGINT NOT NULL',
        '"updated_at" BIGINT',
        'PRIMARY KEY ("id")',
      ]),
      index('agno_schedules', 'idx_agno_schedules_name', '"name"'),
      index('agno_schedules', 'idx_agno_schedules_next_run_at', '"next_run_at"'),
      index('agno_schedules', 'idx_agno_schedules_user_id', '"user_id"'),
      index('agno_schedules', 'idx_agno_schedules_managed_by', '"managed_by"'),
      index('agno_schedules', 'idx_agno_schedules_target_id', '"target_id"'),
      index('agno_schedules', 'idx_agno_schedules_created_at', '"created_at"'),
      index('agno_schedules', 'idx_agno_schedules_enabled_next_run_at', '"enabled", "next_run_at"'),
      index('agno_schedules', 'idx_agno_schedules_user_id_enabled_next_run_at', '"user_id", "enabled", "next_run_at"'),
      'CREATE UNIQUE INDEX "agno_schedules_uq_user_name" ON "agno_schedules" ("user_id", "name") WHERE user_id IS NOT NULL',
      'CREATE UNIQUE INDEX "agno_schedules_uq_unowned_name" ON "agno_schedules" ("name") WHERE user_id IS NULL',
    ]);
  });

  it('schedule_runs: user_id after requirements', () => {
    expect(create('schedule_runs')).toEqual([
      table('agno_schedule_runs', [
        '"id" VARCHAR NOT NULL',
        '"schedule_id" VARCHAR NOT NULL',
        '"attempt" BIGINT NOT NULL',
        '"triggered_at" BIGINT',
        '"completed_at" BIGINT',
        '"status" VARCHAR NOT NULL',
        '"status_code" BIGINT',
        '"run_id" VARCHAR',
        '"session_id" VARCHAR',
        '"error" VARCHAR',
        '"input" JSON',
        '"output" JSON',
        '"requirements" JSON',
        '"user_id" VARCHAR',
        '"created_at" BIGINT NOT NULL',
        'PRIMARY KEY ("id")',
        'FOREIGN KEY("schedule_id") REFERENCES "agno_schedules" ("id") ON DELETE CASCADE',
      ]),
      index('agno_schedule_runs', 'idx_agno_schedule_runs_schedule_id', '"schedule_id"'),
      index('agno_schedule_runs', 'idx_agno_schedule_runs_status', '"status"'),
      index('agno_schedule_runs', 'idx_agno_schedule_runs_user_id', '"user_id"'),
      index('agno_schedule_runs', 'idx_agno_schedule_runs_created_at', '"created_at"'),
    ]);
  });

  it('sessions: no runs column at 3.0, the JSON blob below it', () => {
    expect(create('sessions')[0]).not.toContain('"runs"');
    expect(create('sessions', '2.5.6')[0]).toContain('\t"runs" JSON,\n');
    expect(create('metrics', '2.5.6')[0]).toContain(
      'CONSTRAINT "agno_metrics_uq_metrics_date_period" UNIQUE ("date", "aggregation_period")',
    );
  });
});
