import type { Operation } from '@agno-migrate/core';
import {
  addColumn,
  addPrimaryKey,
  addUnique,
  backfill,
  coalesce,
  col,
  createIndex,
  custom,
  dropColumn,
  dropIndex,
  dropPrimaryKey,
  dropUnique,
  jsonToJsonb,
  requireNoNulls,
  requireUnique,
  setNotNull,
  sql,
  value,
} from '@agno-migrate/core';
import { describe, expect, it } from 'vitest';
import type { SinglestoreTableState } from '../../src/index.js';
import { singlestoreDialect } from '../../src/index.js';

const dialect = singlestoreDialect({ url: 'singlestore://agno:secret@s2.example:3306/app' });

/** A 2.2-era SingleStore sessions table: shard key and uq_session_type, no primary key. */
const sessions: SinglestoreTableState = {
  name: 'agno_sessions',
  columns: [
    { name: 'session_id', dataType: 'varchar', length: 128, nullable: false },
    { name: 'session_type', dataType: 'varchar', length: 20, nullable: false },
    { name: 'runs', dataType: 'json', nullable: true },
    { name: 'created_at', dataType: 'bigint', nullable: false },
  ],
  indexes: [
    { name: 'idx_agno_sessions_created_at', columns: ['created_at'], unique: false, valid: true },
    { name: 'uq_session_type', columns: ['session_id', 'session_type'], unique: true, valid: true },
  ],
  primaryKey: null,
  uniqueConstraints: [{ name: 'uq_session_type', columns: ['session_id', 'session_type'] }],
  shardKey: ['session_id'],
  sortKey: [],
  storage: 'columnstore',
};

/** The same table after 2.5.0: primary key, shard key. */
const keyedSessions: SinglestoreTableState = {
  ...sessions,
  indexes: [sessions.indexes[0]!],
  uniqueConstraints: [],
  primaryKey: { name: 'PRIMARY', columns: ['session_id'] },
};

const memories: SinglestoreTableState = {
  name: 'agno_memories',
  columns: [
    { name: 'memory_id', dataType: 'varchar', length: 128, nullable: false },
    { name: 'memory', dataType: 'json', nullable: false },
    { name: 'updated_at', dataType: 'bigint', nullable: true },
    { name: 'created_at', dataType: 'bigint', nullable: true },
  ],
  indexes: [{ name: 'idx_agno_memories_updated_at', columns: ['updated_at'], unique: false, valid: true }],
  primaryKey: { name: 'PRIMARY', columns: ['memory_id'] },
  uniqueConstraints: [],
  shardKey: ['memory_id'],
  sortKey: [],
  storage: 'columnstore',
};

const approvals: SinglestoreTableState = {
  name: 'agno_approvals',
  columns: [
    { name: 'id', dataType: 'varchar', length: 128, nullable: false },
    { name: 'run_status', dataType: 'text', nullable: true },
  ],
  indexes: [{ name: 'ix_agno_approvals_run_status', columns: ['run_status'], unique: false, valid: true }],
  primaryKey: { name: 'PRIMARY', columns: ['id'] },
  uniqueConstraints: [],
  shardKey: null,
  sortKey: null,
  storage: 'rowstore',
};

function render(op: Operation, on: SinglestoreTableState): string[] {
  return dialect.emitter.renderOperation(op, on, { table: on.name, capabilities: dialect.capabilities }).map((s) => {
    expect(s.params).toEqual([]);
    return s.sql;
  });
}

/** The swap that ends every rebuild. */
function swap(table: string): string[] {
  return [
    `INSERT INTO \`app\`.\`${table}__agno_new\``,
    `ALTER TABLE \`app\`.\`${table}\` RENAME TO \`app\`.\`${table}__agno_old\``,
    `ALTER TABLE \`app\`.\`${table}__agno_new\` RENAME TO \`app\`.\`${table}\``,
    `DROP TABLE \`app\`.\`${table}__agno_old\``,
  ];
}

const sessionsColumns = [
  '\t`session_id` VARCHAR(128) NOT NULL,',
  '\t`session_type` VARCHAR(20) NOT NULL,',
  '\t`runs` JSON,',
  '\t`created_at` BIGINT NOT NULL,',
];
const sessionsCopy =
  'INSERT INTO `app`.`agno_sessions__agno_new` (`session_id`, `session_type`, `runs`, `created_at`) ' +
  'SELECT `session_id`, `session_type`, `runs`, `created_at` FROM `app`.`agno_sessions`';

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

describe('SingleStore operation SQL: rebuild-and-swap', () => {
  it('adds the sessions primary key in a new table, keeping the shard key and dropping the implied uq_session_type', () => {
    expect(render(addPrimaryKey(['session_id']), sessions)).toEqual([
      'DROP TABLE IF EXISTS `app`.`agno_sessions__agno_new`',
      'DROP TABLE IF EXISTS `app`.`agno_sessions__agno_old`',
      [
        'CREATE TABLE `app`.`agno_sessions__agno_new` (',
        ...sessionsColumns,
        '\tPRIMARY KEY (`session_id`),',
        '\tSHARD KEY (`session_id`),',
        '\tSORT KEY ()',
        ')',
      ].join('\n'),
      'CREATE INDEX `idx_agno_sessions_created_at` ON `app`.`agno_sessions__agno_new` (`created_at`)',
      sessionsCopy,
      ...swap('agno_sessions').slice(1),
    ]);
  });

  it('reverts 2.5.0: the unique key back, then the primary key away, each by a rebuild', () => {
    const [, , withUnique] = render(addUnique('agno_sessions_uq_session_id', ['session_id']), keyedSessions);
    expect(withUnique).toBe(
      [
        'CREATE TABLE `app`.`agno_sessions__agno_new` (',
        ...sessionsColumns,
        '\tPRIMARY KEY (`session_id`),',
        '\tSHARD KEY (`session_id`),',
        '\tSORT KEY (),',
        '\tUNIQUE KEY `agno_sessions_uq_session_id` (`session_id`)',
        ')',
      ].join('\n'),
    );
    const unkeyed = render(dropPrimaryKey(), {
      ...keyedSessions,
      indexes: [...keyedSessions.indexes, { name: 'agno_sessions_uq_session_id', columns: ['session_id'], unique: true, valid: true }],
    });
    expect(unkeyed[2]).toBe(
      [
        'CREATE TABLE `app`.`agno_sessions__agno_new` (',
        ...sessionsColumns,
        '\tSHARD KEY (`session_id`),',
        '\tSORT KEY (),',
        '\tUNIQUE KEY `agno_sessions_uq_session_id` (`session_id`)',
        ')',
      ].join('\n'),
    );
    expect(unkeyed.slice(-4)).toEqual([sessionsCopy, ...swap('agno_sessions').slice(1)]);
  });

  it('drops a unique key by a rebuild without it', () => {
    const statements = render(dropUnique('uq_session_type'), sessions);
    expect(statements[2]).not.toContain('UNIQUE KEY');
    expect(statements[2]).not.toContain('PRIMARY KEY');
    expect(statements).toHaveLength(8);
  });

  it('makes a column NOT NULL on a columnstore by a rebuild', () => {
    expect(render(setNotNull('created_at'), memories)).toEqual([
      'DROP TABLE IF EXISTS `app`.`agno_memories__agno_new`',
      'DROP TABLE IF EXISTS `app`.`agno_memories__agno_old`',
      [
        'CREATE TABLE `app`.`agno_memories__agno_new` (',
        '\t`memory_id` VARCHAR(128) NOT NULL,',
        '\t`memory` JSON NOT NULL,',
        '\t`updated_at` BIGINT,',
        '\t`created_at` BIGINT NOT NULL,',
        '\tPRIMARY KEY (`memory_id`),',
        '\tSHARD KEY (`memory_id`),',
        '\tSORT KEY ()',
        ')',
      ].join('\n'),
      'CREATE INDEX `idx_agno_memories_updated_at` ON `app`.`agno_memories__agno_new` (`updated_at`)',
      'INSERT INTO `app`.`agno_memories__agno_new` (`memory_id`, `memory`, `updated_at`, `created_at`) ' +
        'SELECT `memory_id`, `memory`, `updated_at`, `created_at` FROM `app`.`agno_memories`',
      ...swap('agno_memories').slice(1),
    ]);
  });

  it('adds or drops a unique index by a rebuild, and keeps a rowstore a rowstore', () => {
    const added = render(createIndex('uq_run_status', ['run_status'], true), approvals);
    expect(added[2]).toBe(
      [
        'CREATE ROWSTORE TABLE `app`.`agno_approvals__agno_new` (',
        '\t`id` VARCHAR(128) NOT NULL,',
        '\t`run_status` TEXT,',
        '\tPRIMARY KEY (`id`),',
        '\tUNIQUE KEY `uq_run_status` (`run_status`(255))',
        ')',
      ].join('\n'),
    );
    const dropped = render(dropIndex('uq_session_type'), sessions);
    expect(dropped[2]).not.toContain('uq_session_type');
    expect(dropped.slice(-3)).toEqual(swap('agno_sessions').slice(1));
  });

  it('carries column defaults over, values as parameters', () => {
    const withDefaults: SinglestoreTableState = {
      ...memories,
      columns: [
        ...memories.columns,
        { name: 'kind', dataType: 'varchar', length: 20, nullable: true, defaultValue: 'plain' },
        { name: 'n', dataType: 'bigint', nullable: true, defaultValue: '7' },
      ],
    };
    const [, , create] = dialect.emitter.renderOperation(setNotNull('created_at'), withDefaults, {
      table: 'agno_memories',
      capabilities: dialect.capabilities,
    });
    expect(create!.sql).toContain('\t`kind` VARCHAR(20) DEFAULT ?,\n\t`n` BIGINT DEFAULT 7,');
    expect(create!.params).toEqual(['plain']);
  });

  it('gives a long table name rebuild names within 64 characters, the same on every run', () => {
    const long = `t_${'x'.repeat(60)}`;
    const statements = render(setNotNull('created_at'), { ...memories, name: long });
    const names = statements[0]!.match(/`app`\.`([^`]+)`/)![1]!;
    expect(names.length).toBeLessThanOrEqual(64);
    expect(names.endsWith('__agno_new')).toBe(true);
    expect(render(setNotNull('created_at'), { ...memories, name: long })[0]).toBe(statements[0]);
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
