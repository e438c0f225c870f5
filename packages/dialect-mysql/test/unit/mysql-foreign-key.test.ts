import type { ForeignKeySpec } from '@agno-migrate/core/dialect';
import { describe, expect, it } from 'vitest';
import { mysqlDialect } from '../../src/index.js';

const dialect = mysqlDialect({ url: 'mysql://agno:secret@db.example:3306/app' });
const key: ForeignKeySpec = {
  name: undefined,
  columns: ['session_id'],
  refTable: 'agno_sessions',
  refColumns: ['session_id'],
  onDelete: 'CASCADE',
};

describe('a foreign key fix on MySQL and MariaDB', () => {
  it('adds a missing key in one statement', () => {
    expect(dialect.emitter.addForeignKey('agno_runs', key, undefined).map((s) => s.sql)).toEqual([
      'ALTER TABLE `ai`.`agno_runs` ADD FOREIGN KEY (`session_id`) REFERENCES `ai`.`agno_sessions` (`session_id`) ON DELETE CASCADE',
    ]);
  });

  it('replaces a key with the wrong rule through DROP FOREIGN KEY, which MariaDB needs, in the same statement', () => {
    expect(dialect.emitter.addForeignKey('agno_runs', key, 'agno_runs_ibfk_1').map((s) => s.sql)).toEqual([
      'ALTER TABLE `ai`.`agno_runs` DROP FOREIGN KEY `agno_runs_ibfk_1`, ADD FOREIGN KEY (`session_id`) REFERENCES `ai`.`agno_sessions` (`session_id`) ON DELETE CASCADE',
    ]);
  });
});
