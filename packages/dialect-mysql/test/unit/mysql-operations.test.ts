import type { Operation, TableState } from '@agno-migrate/core';
import {
  addColumn,
  addPrimaryKey,
  addUnique,
  backfill,
  coalesce,
  col,
  ConfigurationError,
  createIndex,
  dropColumn,
  dropIndex,
  dropPrimaryKey,
  dropUnique,
  jsonToJsonb,
  requireNoNulls,
  requireUnique,
  setNotNull,
  specOf,
  value,
} from '@agno-migrate/core';
import { describe, expect, it } from 'vitest';
import { mysqlDialect } from '../../src/index.js';

const dialect = mysqlDialect({ url: 'mysql://agno:secret@db.example:3306/app' });

function state(name: string, columns: TableState['columns']): TableState {
  return { name, columns, indexes: [], primaryKey: null, uniqueConstraints: [] };
}

const memories = state('agno_memories', [
  { name: 'memory_id', dataType: 'varchar', length: 128, nullable: false },
  { name: 'memory', dataType: 'json', nullable: false },
  { name: 'user_id', dataType: 'varchar', length: 128, nullable: true },
  { name: 'updated_at', dataType: 'bigint', nullable: true },
  { name: 'created_at', dataType: 'bigint', nullable: true },
]);
const approvals = state('agno_approvals', [
  { name: 'id', dataType: 'varchar', length: 128, nullable: false },
  { name: 'run_status', dataType: 'text', nullable: true },
  { name: 'notes', dataType: 'longtext', nullable: true },
]);
const sessions = state('agno_sessions', [{ name: 'session_id', dataType: 'varchar', length: 128, nullable: false }]);

function render(op: Operation, on: TableState) {
  return dialect.emitter.renderOperation(op, on, { table: on.name, capabilities: dialect.capabilities });
}

describe('MySQL operation SQL', () => {
  it('adds a column', () => {
    expect(render(addColumn({ name: 'created_at', type: { kind: 'bigint' }, nullable: true }), memories)).toEqual([
      { sql: 'ALTER TABLE `ai`.`agno_memories` ADD COLUMN `created_at` BIGINT', params: [] },
    ]);
    expect(render(addColumn({ name: 'feedback', type: { kind: 'text' }, nullable: true }), memories)).toEqual([
      { sql: 'ALTER TABLE `ai`.`agno_memories` ADD COLUMN `feedback` TEXT', params: [] },
    ]);
    expect(render(addColumn({ name: 'kind', type: { kind: 'string', length: 50 }, nullable: false }), memories)).toEqual([
      { sql: 'ALTER TABLE `ai`.`agno_memories` ADD COLUMN `kind` VARCHAR(50) NOT NULL', params: [] },
    ]);
  });

  it('refuses a VARCHAR without a length, naming the column', () => {
    expect(() => render(addColumn({ name: 'kind', type: { kind: 'string' }, nullable: true }), memories)).toThrow(ConfigurationError);
    expect(() => render(addColumn({ name: 'kind', type: { kind: 'string' }, nullable: true }), memories)).toThrow(
      /column kind has no length/,
    );
  });

  it('drops a column', () => {
    expect(render(dropColumn('feedback'), memories)).toEqual([
      { sql: 'ALTER TABLE `ai`.`agno_memories` DROP COLUMN `feedback`', params: [] },
    ]);
  });

  it('creates an index, with a 255 prefix on TEXT, LONGTEXT and JSON columns', () => {
    expect(render(createIndex('idx_agno_memories_created_at', ['created_at']), memories)).toEqual([
      { sql: 'CREATE INDEX `idx_agno_memories_created_at` ON `ai`.`agno_memories` (`created_at`)', params: [] },
    ]);
    expect(render(createIndex('ix_agno_approvals_run_status', ['run_status']), approvals)).toEqual([
      { sql: 'CREATE INDEX `ix_agno_approvals_run_status` ON `ai`.`agno_approvals` (`run_status`(255))', params: [] },
    ]);
    expect(render(createIndex('ix_both', ['id', 'notes'], true), approvals)).toEqual([
      { sql: 'CREATE UNIQUE INDEX `ix_both` ON `ai`.`agno_approvals` (`id`, `notes`(255))', params: [] },
    ]);
    expect(render(createIndex('ix_memory', ['memory']), memories)[0]!.sql).toBe(
      'CREATE INDEX `ix_memory` ON `ai`.`agno_memories` (`memory`(255))',
    );
  });

  it('uses the prefix for a TEXT column added earlier in the same step', () => {
    const added = addColumn({ name: 'run_status', type: { kind: 'text' }, nullable: true });
    const after = specOf(added).apply(added, state('agno_approvals', [{ name: 'id', dataType: 'varchar', length: 128, nullable: false }]));
    expect(render(createIndex('ix_agno_approvals_run_status', ['run_status']), after)[0]!.sql).toBe(
      'CREATE INDEX `ix_agno_approvals_run_status` ON `ai`.`agno_approvals` (`run_status`(255))',
    );
  });

  it('drops an index on its table', () => {
    expect(render(dropIndex('idx_agno_memories_created_at'), memories)).toEqual([
      { sql: 'DROP INDEX `idx_agno_memories_created_at` ON `ai`.`agno_memories`', params: [] },
    ]);
  });

  it('adds and drops the primary key', () => {
    expect(render(addPrimaryKey(['session_id']), sessions)).toEqual([
      { sql: 'ALTER TABLE `ai`.`agno_sessions` ADD PRIMARY KEY (`session_id`)', params: [] },
    ]);
    expect(render(dropPrimaryKey(), sessions)).toEqual([{ sql: 'ALTER TABLE `ai`.`agno_sessions` DROP PRIMARY KEY', params: [] }]);
  });

  it('adds and drops a unique constraint as a unique index', () => {
    expect(render(addUnique('agno_sessions_uq_session_id', ['session_id']), sessions)).toEqual([
      { sql: 'ALTER TABLE `ai`.`agno_sessions` ADD UNIQUE INDEX `agno_sessions_uq_session_id` (`session_id`)', params: [] },
    ]);
    expect(render(dropUnique('agno_sessions_uq_session_id'), sessions)).toEqual([
      { sql: 'DROP INDEX `agno_sessions_uq_session_id` ON `ai`.`agno_sessions`', params: [] },
    ]);
  });

  it('sets NOT NULL by restating the column type from the live state', () => {
    expect(render(setNotNull('created_at'), memories)).toEqual([
      { sql: 'ALTER TABLE `ai`.`agno_memories` MODIFY COLUMN `created_at` BIGINT NOT NULL', params: [] },
    ]);
    expect(render(setNotNull('user_id'), memories)).toEqual([
      { sql: 'ALTER TABLE `ai`.`agno_memories` MODIFY COLUMN `user_id` VARCHAR(128) NOT NULL', params: [] },
    ]);
    expect(render(setNotNull('memory'), memories)[0]!.sql).toBe('ALTER TABLE `ai`.`agno_memories` MODIFY COLUMN `memory` JSON NOT NULL');
    expect(() => render(setNotNull('missing'), memories)).toThrow(/no such column/);
  });

  it('has nothing to do for JSON → JSONB', () => {
    expect(render(jsonToJsonb('memory', 'topics'), memories)).toEqual([]);
  });

  it('backfills with the value as a parameter', () => {
    expect(render(backfill('created_at', coalesce(col('updated_at'), value(1700000000))), memories)).toEqual([
      {
        sql: 'UPDATE `ai`.`agno_memories` SET `created_at` = COALESCE(`updated_at`, ?) WHERE `created_at` IS NULL',
        params: [1700000000],
      },
    ]);
  });

  it('checks the data preconditions', () => {
    expect(render(requireNoNulls('session_id'), sessions)).toEqual([
      { sql: 'SELECT COUNT(*) AS `n` FROM `ai`.`agno_sessions` WHERE `session_id` IS NULL', params: [] },
    ]);
    expect(render(requireUnique('session_id'), sessions)).toEqual([
      {
        sql:
          'SELECT `session_id` AS `value`, COUNT(*) AS `n` FROM `ai`.`agno_sessions` WHERE `session_id` IS NOT NULL ' +
          'GROUP BY `session_id` HAVING COUNT(*) > 1 ORDER BY COUNT(*) DESC, `session_id`',
        params: [],
      },
    ]);
  });

  it('quotes every identifier, doubling embedded backticks', () => {
    const odd = state('we`ird', [{ name: 'c`ol', dataType: 'bigint', nullable: true }]);
    const other = mysqlDialect({ url: 'mysql://h/x', schema: 'my`db' });
    const ctx = { table: 'we`ird', capabilities: other.capabilities };
    expect(other.emitter.renderOperation(dropIndex('i`x'), odd, ctx)[0]!.sql).toBe('DROP INDEX `i``x` ON `my``db`.`we``ird`');
    expect(other.emitter.renderOperation(setNotNull('c`ol'), odd, ctx)[0]!.sql).toBe(
      'ALTER TABLE `my``db`.`we``ird` MODIFY COLUMN `c``ol` BIGINT NOT NULL',
    );
  });
});
