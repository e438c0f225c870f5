import { resolveTableType, TABLE_TYPES } from '@agno-migrate/core';
import { describe, expect, it } from 'vitest';
import { mysqlDialect } from '../../src/index.js';

const dialect = mysqlDialect({ url: 'mysql://agno@db.example/app', schema: 'ai' });
const names = Object.fromEntries(TABLE_TYPES.map((t) => [t.type, t.defaultName]));

describe('MySQL CREATE TABLE of traces and spans, the feature tables Agno creates on MySQL', () => {
  it('traces with their MySQL lengths and indexes', () => {
    const [table, ...indexes] = dialect.emitter
      .createTable(resolveTableType('traces').define('mysql'), 'agno_traces', names)
      .map((s) => s.sql);
    expect(table).toContain('\t`name` VARCHAR(255) NOT NULL,');
    expect(table).toContain('\t`start_time` VARCHAR(128) NOT NULL,');
    expect(table).toContain('\tPRIMARY KEY (`trace_id`)');
    expect(indexes).toHaveLength(9);
    expect(indexes[0]).toBe('CREATE INDEX `idx_agno_traces_status` ON `ai`.`agno_traces` (`status`)');
  });

  it('spans reference traces in the same database', () => {
    const [table] = dialect.emitter.createTable(resolveTableType('spans').define('mysql'), 'agno_spans', names).map((s) => s.sql);
    expect(table).toContain('\t`status_message` TEXT,');
    expect(table).toContain('FOREIGN KEY(`trace_id`) REFERENCES `ai`.`agno_traces` (`trace_id`)');
  });
});
