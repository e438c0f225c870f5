import {
  addColumn,
  backfill,
  coalesce,
  col,
  createIndex,
  custom,
  dropColumn,
  dropIndex,
  jsonToJsonb,
  requireNoNulls,
  requireUnique,
  sql,
  value,
} from '@agno-migrate/core';
import { describe, expect, it } from 'vitest';

import { dialect, sessions, memories, approvals, render } from './support/operation-fixtures.js';

describe('SingleStore operation SQL: in place', () => {
  it('adds and drops columns online', () => {
    expect(render(addColumn({ name: 'created_at', type: { kind: 'bigint' }, nullable: true }), memories)).toEqual([
      'ALTER TABLE `app`.`agno_memories` ADD COLUMN `created_at` BIGINT',
    ]);
    expect(render(addColumn({ name: 'feedback', type: { kind: 'text' }, nullable: true }), memories)).toEqual([
      'ALTER TABLE `app`.`agno_memories` ADD COLUMN `feedback` TEXT',
    ]);
    expect(render(dropColumn('feedback'), memories)).toEqual(['ALTER TABLE `app`.`agno_memories` DROP COLUMN `feedback`']);
  });

  it('adds a plain index with CREATE INDEX, or ALTER TABLE … ADD INDEX when a TEXT column needs a prefix', () => {
    expect(render(createIndex('idx_agno_memories_created_at', ['created_at']), memories)).toEqual([
      'CREATE INDEX `idx_agno_memories_created_at` ON `app`.`agno_memories` (`created_at`)',
    ]);
    expect(render(createIndex('ix_agno_approvals_run_status', ['run_status']), approvals)).toEqual([
      'ALTER TABLE `app`.`agno_approvals` ADD INDEX `ix_agno_approvals_run_status` (`run_status`(255))',
    ]);
  });

  it('drops a plain index by name on its table', () => {
    expect(render(dropIndex('ix_agno_approvals_run_status'), approvals)).toEqual([
      'DROP INDEX `ix_agno_approvals_run_status` ON `app`.`agno_approvals`',
    ]);
  });

  it('backfills with parameters, and checks data with the MySQL queries', () => {
    const statements = dialect.emitter.renderOperation(backfill('created_at', coalesce(col('updated_at'), value(1700000000))), memories, {
      table: 'agno_memories',
      capabilities: dialect.capabilities,
    });
    expect(statements).toEqual([
      {
        sql: 'UPDATE `app`.`agno_memories` SET `created_at` = COALESCE(`updated_at`, ?) WHERE `created_at` IS NULL',
        params: [1700000000],
      },
    ]);
    expect(render(requireNoNulls('session_id'), sessions)).toEqual([
      'SELECT COUNT(*) AS `n` FROM `app`.`agno_sessions` WHERE `session_id` IS NULL',
    ]);
    expect(render(requireUnique('session_id'), sessions)).toEqual([
      'SELECT `session_id` AS `value`, COUNT(*) AS `n` FROM `app`.`agno_sessions` WHERE `session_id` IS NOT NULL ' +
        'GROUP BY `session_id` HAVING COUNT(*) > 1 ORDER BY COUNT(*) DESC, `session_id`',
    ]);
  });

  it('has no JSONB, and runs a custom operation as planned', () => {
    expect(render(jsonToJsonb('memory', 'topics'), memories)).toEqual([]);
    expect(
      render(
        custom('probe', () => [sql('SELECT 1')]),
        memories,
      ),
    ).toEqual(['SELECT 1']);
  });
});

describe('SingleStore versions table and namespace', () => {
  it('upserts a version as SingleStoreDb does: created_at keeps its first value', () => {
    expect(
      dialect.emitter.upsertVersion('agno_schema_versions', { tableName: 'agno_memories', version: '2.5.6' }, '2026-01-02T03:04:05.000000'),
    ).toEqual({
      sql:
        'INSERT INTO `app`.`agno_schema_versions` (`table_name`, `version`, `created_at`, `updated_at`) VALUES (?, ?, ?, ?) ' +
        'ON DUPLICATE KEY UPDATE `version` = ?, `updated_at` = ?',
      params: ['agno_memories', '2.5.6', '2026-01-02T03:04:05.000000', '2026-01-02T03:04:05.000000', '2.5.6', '2026-01-02T03:04:05.000000'],
    });
  });

  it('reads every versions row in one query', () => {
    expect(dialect.emitter.readVersions('agno_schema_versions').sql).toBe(
      'SELECT `table_name`, `version` FROM `app`.`agno_schema_versions`',
    );
  });

  it('creates its database without a character set clause', () => {
    expect(dialect.emitter.createNamespace()).toEqual([{ sql: 'CREATE DATABASE IF NOT EXISTS `app`', params: [] }]);
  });

  it('says what it is, and can change keys (by rebuilding)', () => {
    expect(dialect.name).toBe('singlestore');
    expect(dialect.flavor).toBe('singlestore');
    expect(dialect.capabilities).toMatchObject({ transactionalDdl: false, jsonb: false, alterPrimaryKey: true, maxIdentifierBytes: 64 });
    expect(dialect.emitter.stepTransaction()).toBeNull();
  });
});
