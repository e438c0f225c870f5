import { addPrimaryKey, addUnique, createIndex, dropIndex, dropPrimaryKey, dropUnique, setNotNull } from '@agno-migrate/core';
import { describe, expect, it } from 'vitest';
import type { SinglestoreTableState } from '../../src/index.js';

import {
  dialect,
  sessions,
  keyedSessions,
  memories,
  approvals,
  sessionsColumns,
  sessionsCopy,
  render,
  swap,
} from './support/operation-fixtures.js';

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
