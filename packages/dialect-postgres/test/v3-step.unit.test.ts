import type { OperationContext, TableState } from '@agno-migrate/core';
import { addColumn, createIndex, dropDefault, dropUniqueByColumns, requireNameFits, requireNoData } from '@agno-migrate/core';
import { planStatements } from '@agno-migrate/test-infra';
import { describe, expect, it } from 'vitest';
import { postgresDialect } from '../src/index.js';

const dialect = postgresDialect({ url: 'postgres://agno@db.example:5432/app', schema: 'ai' });
const col = (name: string, dataType = 'varchar', nullable = true) => ({ name, dataType, nullable });

/** agno_metrics as Agno 2.x's PostgresDb creates it. */
const metrics: TableState = {
  name: 'agno_metrics',
  columns: [
    col('id', 'varchar', false),
    col('date', 'date', false),
    col('aggregation_period', 'varchar', false),
    col('completed', 'boolean', false),
  ],
  indexes: [{ name: 'idx_agno_metrics_date', columns: ['date'], unique: false, valid: true }],
  primaryKey: { name: 'agno_metrics_pkey', columns: ['id'] },
  uniqueConstraints: [{ name: 'agno_metrics_uq_metrics_date_period', columns: ['date', 'aggregation_period'] }],
};

const render = (op: Parameters<typeof dialect.emitter.renderOperation>[0], state: TableState = metrics) => {
  const ctx: OperationContext = { table: state.name, capabilities: dialect.capabilities };
  return dialect.emitter.renderOperation(op, state, ctx).map((s) => [s.sql, s.params]);
};
const M = '"ai"."agno_metrics"';

describe('PostgreSQL SQL of the 3.0.0 operations', () => {
  it('addColumn with a transitional default', () =>
    expect(render(addColumn({ name: 'user_id', type: { kind: 'string', length: 128 }, nullable: false }, ''))).toEqual([
      [`ALTER TABLE ${M} ADD COLUMN "user_id" VARCHAR NOT NULL DEFAULT ''`, []],
    ]));
  it('a default with a quote is doubled', () =>
    expect(render(addColumn({ name: 'x', type: { kind: 'string' }, nullable: false }, "it's"))).toEqual([
      [`ALTER TABLE ${M} ADD COLUMN "x" VARCHAR NOT NULL DEFAULT 'it''s'`, []],
    ]));
  it('dropDefault', () => expect(render(dropDefault('user_id'))).toEqual([[`ALTER TABLE ${M} ALTER COLUMN "user_id" DROP DEFAULT`, []]]));
  it('dropUniqueByColumns drops the constraint and any unique index over the same columns, whatever their names', () => {
    const renamed: TableState = {
      ...metrics,
      indexes: [...metrics.indexes, { name: 'old_name_key', columns: ['aggregation_period', 'date'], unique: true, valid: true }],
      uniqueConstraints: [{ name: 'old_metrics_uq_metrics_date_period', columns: ['date', 'aggregation_period'] }],
    };
    expect(render(dropUniqueByColumns(['date', 'aggregation_period']), renamed)).toEqual([
      [`ALTER TABLE ${M} DROP CONSTRAINT "old_metrics_uq_metrics_date_period"`, []],
      ['DROP INDEX "ai"."old_name_key"', []],
    ]);
  });
  it('requireNoData counts what the revert would lose', () => {
    expect(render(requireNoData('user_id', ['']))).toEqual([
      [`SELECT COUNT(*) AS "n" FROM ${M} WHERE "user_id" IS NOT NULL AND "user_id" NOT IN ($1)`, ['']],
    ]);
    expect(render(requireNoData('feedback'))).toEqual([[`SELECT COUNT(*) AS "n" FROM ${M} WHERE "feedback" IS NOT NULL`, []]]);
  });
  it('a partial unique index', () =>
    expect(render(createIndex('agno_schedules_uq_unowned_name', ['name'], true, 'user_id IS NULL'))).toEqual([
      [`CREATE UNIQUE INDEX "agno_schedules_uq_unowned_name" ON ${M} ("name") WHERE user_id IS NULL`, []],
    ]));
  it('requireNameFits asks nothing of the database', () => expect(render(requireNameFits('x', 'a key'))).toEqual([]));
});

describe('PostgreSQL plan of the 3.0.0 step', () => {
  it('metrics: owner column with a transitional default, key swap by columns, unfinished day, default dropped, index', () =>
    expect(planStatements(dialect, 'metrics', metrics)).toEqual([
      // One statement adds the owner and swaps the keys (PostgreSQL drops before it adds).
      `ALTER TABLE ${M} ADD COLUMN "user_id" VARCHAR NOT NULL DEFAULT '', ` +
        `ADD CONSTRAINT "agno_metrics_uq_metrics_user_date_period" UNIQUE ("user_id", "date", "aggregation_period"), ` +
        `DROP CONSTRAINT "agno_metrics_uq_metrics_date_period"`,
      '-- task: delete the unfinished newest day of unowned metrics, which Agno re-aggregates',
      `ALTER TABLE ${M} ALTER COLUMN "user_id" DROP DEFAULT`,
      'CREATE INDEX "idx_agno_metrics_user_id" ON "ai"."agno_metrics" ("user_id")',
    ]));

  it('metrics, half done by a run that stopped after the key: the owed delete, the default and the index are left', () => {
    const half: TableState = {
      ...metrics,
      columns: [...metrics.columns, { ...col('user_id', 'varchar', false), defaultValue: "''::character varying" }],
      uniqueConstraints: [{ name: 'agno_metrics_uq_metrics_user_date_period', columns: ['user_id', 'date', 'aggregation_period'] }],
    };
    expect(planStatements(dialect, 'metrics', half)).toEqual([
      '-- task: delete the unfinished newest day of unowned metrics, which Agno re-aggregates',
      `ALTER TABLE ${M} ALTER COLUMN "user_id" DROP DEFAULT`,
      'CREATE INDEX "idx_agno_metrics_user_id" ON "ai"."agno_metrics" ("user_id")',
    ]);
  });

  it('metrics down: refuses owned rows, then drops the 3.0 key, the column, and restores the day key', () => {
    const v3: TableState = {
      ...metrics,
      columns: [...metrics.columns, col('user_id', 'varchar', false)],
      indexes: [...metrics.indexes, { name: 'idx_agno_metrics_user_id', columns: ['user_id'], unique: false, valid: true }],
      uniqueConstraints: [{ name: 'agno_metrics_uq_metrics_user_date_period', columns: ['user_id', 'date', 'aggregation_period'] }],
    };
    expect(planStatements(dialect, 'metrics', v3, { direction: 'down' })).toEqual([
      `SELECT COUNT(*) AS "n" FROM ${M} WHERE "user_id" IS NOT NULL AND "user_id" NOT IN ($1) -- [""]`,
      `ALTER TABLE ${M} DROP CONSTRAINT "agno_metrics_uq_metrics_user_date_period"`,
      'DROP INDEX "ai"."idx_agno_metrics_user_id"',
      `ALTER TABLE ${M} DROP COLUMN "user_id", ADD CONSTRAINT "agno_metrics_uq_metrics_date_period" UNIQUE ("date", "aggregation_period")`,
    ]);
    expect(planStatements(dialect, 'metrics', v3, { direction: 'down', force: true })[0]).toBe(
      '-- task: delete the per-user metric rows the 2.x key cannot hold (forced revert)',
    );
  });

  it('knowledge: owner column, its index, the owner-first composite', () => {
    const knowledge: TableState = {
      ...metrics,
      name: 'agno_knowledge',
      columns: [col('id', 'varchar', false), col('linked_to')],
      indexes: [],
      uniqueConstraints: [],
    };
    expect(planStatements(dialect, 'knowledge', knowledge)).toEqual([
      'ALTER TABLE "ai"."agno_knowledge" ADD COLUMN "user_id" VARCHAR',
      'CREATE INDEX "idx_agno_knowledge_user_id" ON "ai"."agno_knowledge" ("user_id")',
      'CREATE INDEX "idx_agno_knowledge_user_id_linked_to" ON "ai"."agno_knowledge" ("user_id", "linked_to")',
    ]);
  });

  it('schedules: owner, provenance as VARCHAR, the name check, then the partial unique indexes', () => {
    const schedules: TableState = {
      ...metrics,
      name: 'agno_schedules',
      columns: [col('id', 'varchar', false), col('name', 'varchar', false), col('enabled', 'boolean', false), col('next_run_at', 'bigint')],
      indexes: [],
      uniqueConstraints: [],
    };
    const S = '"ai"."agno_schedules"';
    expect(planStatements(dialect, 'schedules', schedules)).toEqual([
      // Every column in one statement; the indexes between them wait for it.
      `ALTER TABLE ${S} ${[
        'user_id',
        'managed_by',
        'target_type',
        'target_id',
        'created_by_run_id',
        'created_by_session_id',
        'updated_by_run_id',
        'updated_by_session_id',
        'disabled_reason',
      ]
        .map((c) => `ADD COLUMN "${c}" VARCHAR`)
        .join(', ')}`,
      `CREATE INDEX "idx_agno_schedules_user_id" ON ${S} ("user_id")`,
      `CREATE INDEX "idx_agno_schedules_user_id_enabled_next_run_at" ON ${S} ("user_id", "enabled", "next_run_at")`,
      `CREATE INDEX "idx_agno_schedules_managed_by" ON ${S} ("managed_by")`,
      `CREATE INDEX "idx_agno_schedules_target_id" ON ${S} ("target_id")`,
      '-- task: check that schedule names are unique per owner',
      `CREATE UNIQUE INDEX "agno_schedules_uq_user_name" ON ${S} ("user_id", "name") WHERE user_id IS NOT NULL`,
      `CREATE UNIQUE INDEX "agno_schedules_uq_unowned_name" ON ${S} ("name") WHERE user_id IS NULL`,
    ]);
  });

  it('a metrics table whose 3.0 key name is too long is left to a per-table check, not a refusal of the run', () => {
    const long = { ...metrics, name: 'a'.repeat(36) };
    expect(planStatements(dialect, 'metrics', long)).toEqual([
      `-- blocked: check that ${'a'.repeat(36)}_uq_metrics_user_date_period fits the database's identifier limit`,
    ]);
    expect(planStatements(dialect, 'metrics', { ...metrics, name: 'a'.repeat(35) })).toHaveLength(4);
  });
});
