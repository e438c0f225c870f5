import { TABLE_TYPES, VERSIONS_TABLE } from '@agno-migrate/core';
import { describe, expect, it } from 'vitest';
import { mysqlDialect } from '../../src/index.js';

const dialect = mysqlDialect({ url: 'mysql://agno@db.example/app', schema: 'ai' });

function define(type: string) {
  const info = TABLE_TYPES.find((t) => t.type === type);
  if (!info) throw new Error(type);
  return info.define('mysql');
}

describe('MySQL CREATE TABLE, as Agno creates it', () => {
  it('sessions (Agno 3.0: runs live in their own table)', () => {
    expect(dialect.emitter.createTable(define('sessions'), 'agno_sessions', {})).toEqual([
      {
        sql: [
          'CREATE TABLE `ai`.`agno_sessions` (',
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
          '\tPRIMARY KEY (`session_id`)',
          ')',
        ].join('\n'),
        params: [],
      },
      { sql: 'CREATE INDEX `idx_agno_sessions_session_type` ON `ai`.`agno_sessions` (`session_type`)', params: [] },
      { sql: 'CREATE INDEX `idx_agno_sessions_created_at` ON `ai`.`agno_sessions` (`created_at`)', params: [] },
    ]);
  });

  it('memories', () => {
    expect(dialect.emitter.createTable(define('memories'), 'agno_memories', {})).toEqual([
      {
        sql: [
          'CREATE TABLE `ai`.`agno_memories` (',
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
        params: [],
      },
      { sql: 'CREATE INDEX `idx_agno_memories_user_id` ON `ai`.`agno_memories` (`user_id`)', params: [] },
      { sql: 'CREATE INDEX `idx_agno_memories_created_at` ON `ai`.`agno_memories` (`created_at`)', params: [] },
      { sql: 'CREATE INDEX `idx_agno_memories_updated_at` ON `ai`.`agno_memories` (`updated_at`)', params: [] },
    ]);
  });

  it('metrics: BOOL for Boolean and the named unique constraint', () => {
    const [create] = dialect.emitter.createTable(define('metrics'), 'agno_metrics', {});
    expect(create!.sql).toContain('\t`completed` BOOL NOT NULL,\n');
    expect(create!.sql).toContain('\t`date` DATE NOT NULL,\n');
    expect(create!.sql).toContain(
      '\tCONSTRAINT `agno_metrics_uq_metrics_user_date_period` UNIQUE (`user_id`, `date`, `aggregation_period`)\n)',
    );
  });

  it('the versions table, as Agno writes it on MySQL', () => {
    expect(dialect.emitter.createVersionsTable('agno_schema_versions')).toEqual([
      {
        sql: [
          'CREATE TABLE `ai`.`agno_schema_versions` (',
          '\t`table_name` VARCHAR(128) NOT NULL,',
          '\t`version` VARCHAR(10) NOT NULL,',
          '\t`created_at` VARCHAR(128) NOT NULL,',
          '\t`updated_at` VARCHAR(128),',
          '\tPRIMARY KEY (`table_name`)',
          ')',
        ].join('\n'),
        params: [],
      },
      { sql: 'CREATE INDEX `idx_agno_schema_versions_created_at` ON `ai`.`agno_schema_versions` (`created_at`)', params: [] },
    ]);
    expect(dialect.emitter.createTable(VERSIONS_TABLE.define('mysql'), 'v', {})[0]!.sql).toContain('`version` VARCHAR(10) NOT NULL');
  });
});
