import type { OperationContext, TableState } from '@agno-migrate/core';
import { addColumn, dropDefault, dropUniqueByColumns, requireNoData } from '@agno-migrate/core';
import { planStatements } from '@agno-migrate/test-infra';
import { describe, expect, it } from 'vitest';
import { mysqlDialect } from '../../src/index.js';

const dialect = mysqlDialect({ url: 'mysql://agno:secret@db.example:3306/app' });
const col = (name: string, dataType = 'varchar', nullable = true, length: number | null = 128) => ({ name, dataType, nullable, length });
const metrics: TableState = {
  name: 'agno_metrics',
  columns: [
    col('id', 'varchar', false),
    col('date', 'date', false, null),
    col('aggregation_period', 'varchar', false, 20),
    col('completed', 'tinyint', false, null),
  ],
  indexes: [
    { name: 'idx_agno_metrics_date', columns: ['date'], unique: false, valid: true },
    { name: 'agno_metrics_uq_metrics_date_period', columns: ['date', 'aggregation_period'], unique: true, valid: true },
  ],
  primaryKey: { name: 'PRIMARY', columns: ['id'] },
  uniqueConstraints: [{ name: 'agno_metrics_uq_metrics_date_period', columns: ['date', 'aggregation_period'] }],
};
const render = (op: Parameters<typeof dialect.emitter.renderOperation>[0], state: TableState = metrics) => {
  const ctx: OperationContext = { table: state.name, capabilities: dialect.capabilities };
  return dialect.emitter.renderOperation(op, state, ctx).map((s) => [s.sql, s.params]);
};
const M = '`ai`.`agno_metrics`';

describe('MySQL SQL of the 3.0.0 operations', () => {
  it('addColumn with a transitional default', () =>
    expect(render(addColumn({ name: 'user_id', type: { kind: 'string', length: 128 }, nullable: false }, ''))).toEqual([
      [`ALTER TABLE ${M} ADD COLUMN \`user_id\` VARCHAR(128) NOT NULL DEFAULT ''`, []],
    ]));
  it('a default literal escapes backslashes too', () =>
    expect(render(addColumn({ name: 'x', type: { kind: 'string', length: 8 }, nullable: false }, "a\\'b"))).toEqual([
      [`ALTER TABLE ${M} ADD COLUMN \`x\` VARCHAR(8) NOT NULL DEFAULT 'a\\\\''b'`, []],
    ]));
  it('dropDefault in place', () =>
    expect(render(dropDefault('user_id'))).toEqual([[`ALTER TABLE ${M} ALTER COLUMN \`user_id\` DROP DEFAULT`, []]]));
  it('dropUniqueByColumns: a unique key is one index on MySQL, dropped once', () =>
    expect(render(dropUniqueByColumns(['aggregation_period', 'date']))).toEqual([
      ['DROP INDEX `agno_metrics_uq_metrics_date_period` ON `ai`.`agno_metrics`', []],
    ]));
  it('requireNoData', () =>
    expect(render(requireNoData('user_id', ['']))).toEqual([
      [`SELECT COUNT(*) AS \`n\` FROM ${M} WHERE \`user_id\` IS NOT NULL AND \`user_id\` NOT IN (?)`, ['']],
    ]));
});

describe('MySQL plan of the 3.0.0 step', () => {
  it('metrics: VARCHAR(128) NOT NULL with a transitional default, key swap, unfinished day, default dropped, index', () =>
    expect(planStatements(dialect, 'metrics', metrics)).toEqual([
      // The owner column and the new key in one ALTER; the default dropped and the index added in another.
      `ALTER TABLE ${M} ADD COLUMN \`user_id\` VARCHAR(128) NOT NULL DEFAULT '', ` +
        `ADD UNIQUE INDEX \`agno_metrics_uq_metrics_user_date_period\` (\`user_id\`, \`date\`, \`aggregation_period\`)`,
      'DROP INDEX `agno_metrics_uq_metrics_date_period` ON `ai`.`agno_metrics`',
      '-- task: delete the unfinished newest day of unowned metrics, which Agno re-aggregates',
      `ALTER TABLE ${M} ALTER COLUMN \`user_id\` DROP DEFAULT, ADD INDEX \`idx_agno_metrics_user_id\` (\`user_id\`)`,
    ]));
  it('a metrics table over 36 characters is blocked there: its 3.0 key name would pass 64', () => {
    expect(planStatements(dialect, 'metrics', { ...metrics, name: 'm'.repeat(37) })).toEqual([
      `-- blocked: check that ${'m'.repeat(37)}_uq_metrics_user_date_period fits the database's identifier limit`,
    ]);
    expect(planStatements(dialect, 'metrics', { ...metrics, name: 'm'.repeat(36) })).toHaveLength(4);
  });
  it('evals: a nullable VARCHAR(128) owner and its index, no composite', () =>
    expect(planStatements(dialect, 'evals', { ...metrics, name: 'agno_eval_runs', indexes: [], uniqueConstraints: [] })).toEqual([
      'ALTER TABLE `ai`.`agno_eval_runs` ADD COLUMN `user_id` VARCHAR(128), ADD INDEX `idx_agno_eval_runs_user_id` (`user_id`)',
    ]));
});
