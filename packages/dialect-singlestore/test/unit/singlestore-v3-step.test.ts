import type { OperationContext } from '@agno-migrate/core';
import { dropDefault } from '@agno-migrate/core';
import { planStatements } from '@agno-migrate/test-infra';
import { describe, expect, it } from 'vitest';
import type { SinglestoreTableState } from '../../src/index.js';
import { singlestoreDialect } from '../../src/index.js';

const dialect = singlestoreDialect({ url: 'singlestore://agno:secret@s2.example:3306/app' });
const col = (name: string, dataType = 'varchar', nullable = true, length: number | null = 128) => ({ name, dataType, nullable, length });
/** SingleStore's 2.x metrics: no unique key (error 1706 on a columnstore). */
const metrics: SinglestoreTableState = {
  name: 'agno_metrics',
  columns: [
    col('id', 'varchar', false),
    col('date', 'date', false, null),
    col('aggregation_period', 'varchar', false, 20),
    col('completed', 'tinyint', false, null),
  ],
  indexes: [{ name: 'idx_agno_metrics_date', columns: ['date'], unique: false, valid: true }],
  primaryKey: { name: 'PRIMARY', columns: ['id'] },
  uniqueConstraints: [],
};
const M = '`app`.`agno_metrics`';

describe('SingleStore SQL of the 3.0.0 step', () => {
  it('dropDefault restates the column as Agno does (MODIFY without DEFAULT)', () => {
    const withDefault = { ...metrics, columns: [...metrics.columns, { ...col('user_id', 'varchar', false), defaultValue: "''" }] };
    const ctx: OperationContext = { table: 'agno_metrics', capabilities: dialect.capabilities };
    expect(dialect.emitter.renderOperation(dropDefault('user_id'), withDefault, ctx).map((s) => s.sql)).toEqual([
      `ALTER TABLE ${M} MODIFY COLUMN \`user_id\` VARCHAR(128) NOT NULL`,
    ]);
  });
  it('metrics: owner column, no key to add or drop, unfinished day, default dropped, index', () =>
    expect(planStatements(dialect, 'metrics', metrics)).toEqual([
      `ALTER TABLE ${M} ADD COLUMN \`user_id\` VARCHAR(128) NOT NULL DEFAULT ''`,
      '-- task: delete the unfinished newest day of unowned metrics, which Agno re-aggregates',
      `ALTER TABLE ${M} MODIFY COLUMN \`user_id\` VARCHAR(128) NOT NULL`,
      'CREATE INDEX `idx_agno_metrics_user_id` ON `app`.`agno_metrics` (`user_id`)',
    ]));
  it('metrics down: no key to restore', () => {
    const v3 = {
      ...metrics,
      columns: [...metrics.columns, col('user_id', 'varchar', false)],
      indexes: [...metrics.indexes, { name: 'idx_agno_metrics_user_id', columns: ['user_id'], unique: false, valid: true }],
    };
    expect(planStatements(dialect, 'metrics', v3, { direction: 'down' })).toEqual([
      `SELECT COUNT(*) AS \`n\` FROM ${M} WHERE \`user_id\` IS NOT NULL AND \`user_id\` NOT IN (?) -- [""]`,
      'DROP INDEX `idx_agno_metrics_user_id` ON `app`.`agno_metrics`',
      `ALTER TABLE ${M} DROP COLUMN \`user_id\``,
    ]);
  });
});
