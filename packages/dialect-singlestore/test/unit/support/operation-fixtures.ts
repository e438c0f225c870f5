/** Live table states of the SingleStore operation tests, and how their SQL is read. */
import type { Operation } from '@agno-migrate/core';
import { expect } from 'vitest';
import type { SinglestoreTableState } from '../../../src/index.js';
import { singlestoreDialect } from '../../../src/index.js';
export const dialect = singlestoreDialect({ url: 'singlestore://agno:secret@s2.example:3306/app' });

/** A 2.2-era SingleStore sessions table: shard key and uq_session_type, no primary key. */
export const sessions: SinglestoreTableState = {
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
export const keyedSessions: SinglestoreTableState = {
  ...sessions,
  indexes: [sessions.indexes[0]!],
  uniqueConstraints: [],
  primaryKey: { name: 'PRIMARY', columns: ['session_id'] },
};

export const memories: SinglestoreTableState = {
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

export const approvals: SinglestoreTableState = {
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

export function render(op: Operation, on: SinglestoreTableState): string[] {
  return dialect.emitter.renderOperation(op, on, { table: on.name, capabilities: dialect.capabilities }).map((s) => {
    expect(s.params).toEqual([]);
    return s.sql;
  });
}

/** The swap that ends every rebuild. */
export function swap(table: string): string[] {
  return [
    `INSERT INTO \`app\`.\`${table}__agno_new\``,
    `ALTER TABLE \`app\`.\`${table}\` RENAME TO \`app\`.\`${table}__agno_old\``,
    `ALTER TABLE \`app\`.\`${table}__agno_new\` RENAME TO \`app\`.\`${table}\``,
    `DROP TABLE \`app\`.\`${table}__agno_old\``,
  ];
}

export const sessionsColumns = [
  '\t`session_id` VARCHAR(128) NOT NULL,',
  '\t`session_type` VARCHAR(20) NOT NULL,',
  '\t`runs` JSON,',
  '\t`created_at` BIGINT NOT NULL,',
];
export const sessionsCopy =
  'INSERT INTO `app`.`agno_sessions__agno_new` (`session_id`, `session_type`, `runs`, `created_at`) ' +
  'SELECT `session_id`, `session_type`, `runs`, `created_at` FROM `app`.`agno_sessions`';
