import type { OperationContext, TableState } from '@agno-migrate/core';
import { addColumn, createIndex, dropDefault, dropUniqueByColumns, requireNoData } from '@agno-migrate/core';
import { planStatements } from '@agno-migrate/test-infra';
import { describe, expect, it } from 'vitest';
import { sqliteDialect } from '../src/index.js';

const dialect = sqliteDialect(':memory:');
const col = (name: string, dataType = 'varchar', nullable = true) => ({ name, dataType, nullable });
const schedules: TableState = {
  name: 'agno_schedules',
  columns: [col('id', 'varchar', false), col('name', 'varchar', false), col('enabled', 'boolean', false), col('next_run_at', 'bigint')],
  indexes: [{ name: 'idx_agno_schedules_name', columns: ['name'], unique: false, valid: true }],
  primaryKey: { name: null, columns: ['id'] },
  uniqueConstraints: [],
};
const render = (op: Parameters<typeof dialect.emitter.renderOperation>[0], state: TableState = schedules) => {
  const ctx: OperationContext = { table: state.name, capabilities: dialect.capabilities };
  return dialect.emitter.renderOperation(op, state, ctx).map((s) => [s.sql, s.params]);
};
const S = '"agno_schedules"';

describe('SQLite SQL of the 3.0.0 operations', () => {
  it('addColumn with a transitional default', () =>
    expect(render(addColumn({ name: 'user_id', type: { kind: 'string' }, nullable: false }, ''))).toEqual([
      [`ALTER TABLE ${S} ADD COLUMN "user_id" VARCHAR NOT NULL DEFAULT ''`, []],
    ]));
  it('a partial unique index, predicate as Agno writes it', () =>
    expect(render(createIndex('agno_schedules_uq_user_name', ['user_id', 'name'], true, 'user_id IS NOT NULL'))).toEqual([
      [`CREATE UNIQUE INDEX "agno_schedules_uq_user_name" ON ${S} ("user_id", "name") WHERE user_id IS NOT NULL`, []],
    ]));
  it('requireNoData', () =>
    expect(render(requireNoData('user_id', ['']))).toEqual([
      [`SELECT COUNT(*) AS "n" FROM ${S} WHERE "user_id" IS NOT NULL AND "user_id" NOT IN (?)`, ['']],
    ]));
  it('dropUniqueByColumns drops a named unique index; a table-level UNIQUE has no name to drop', () => {
    const keyed: TableState = {
      ...schedules,
      indexes: [{ name: 'k', columns: ['b', 'a'], unique: true, valid: true }],
      uniqueConstraints: [
        { name: null, columns: ['a', 'b'] },
        { name: 'k', columns: ['b', 'a'] },
      ],
    };
    expect(render(dropUniqueByColumns(['a', 'b']), keyed)).toEqual([['DROP INDEX "k"', []]]);
  });
  it('dropDefault needs a rebuild on SQLite, which the steps never ask for', () =>
    expect(() => render(dropDefault('user_id'))).toThrow(/rebuild/));
});

describe('SQLite plan of the 3.0.0 step', () => {
  it('schedules: provenance columns as TEXT, as Agno adds them', () => {
    const plan = planStatements(dialect, 'schedules', schedules);
    expect(plan).toEqual([
      `ALTER TABLE ${S} ADD COLUMN "user_id" VARCHAR`,
      `CREATE INDEX "idx_agno_schedules_user_id" ON ${S} ("user_id")`,
      `CREATE INDEX "idx_agno_schedules_user_id_enabled_next_run_at" ON ${S} ("user_id", "enabled", "next_run_at")`,
      ...[
        'managed_by',
        'target_type',
        'target_id',
        'created_by_run_id',
        'created_by_session_id',
        'updated_by_run_id',
        'updated_by_session_id',
        'disabled_reason',
      ].map((c) => `ALTER TABLE ${S} ADD COLUMN "${c}" TEXT`),
      `CREATE INDEX "idx_agno_schedules_managed_by" ON ${S} ("managed_by")`,
      `CREATE INDEX "idx_agno_schedules_target_id" ON ${S} ("target_id")`,
      '-- task: check that schedule names are unique per owner',
      `CREATE UNIQUE INDEX "agno_schedules_uq_user_name" ON ${S} ("user_id", "name") WHERE user_id IS NOT NULL`,
      `CREATE UNIQUE INDEX "agno_schedules_uq_unowned_name" ON ${S} ("name") WHERE user_id IS NULL`,
    ]);
  });

  it('schedules down: the partial indexes by name, then the owner, then provenance', () => {
    const v3: TableState = {
      ...schedules,
      columns: [...schedules.columns, col('user_id'), col('managed_by', 'text'), col('target_id', 'text')],
      indexes: [
        ...schedules.indexes,
        { name: 'idx_agno_schedules_user_id', columns: ['user_id'], unique: false, valid: true },
        { name: 'idx_agno_schedules_managed_by', columns: ['managed_by'], unique: false, valid: true },
        { name: 'agno_schedules_uq_unowned_name', columns: ['name'], unique: true, valid: true, where: 'user_id IS NULL' },
      ],
    };
    expect(planStatements(dialect, 'schedules', v3, { direction: 'down', force: true })).toEqual([
      'DROP INDEX "agno_schedules_uq_unowned_name"',
      'DROP INDEX "idx_agno_schedules_user_id"',
      `ALTER TABLE ${S} DROP COLUMN "user_id"`,
      'DROP INDEX "idx_agno_schedules_managed_by"',
      `ALTER TABLE ${S} DROP COLUMN "managed_by"`,
      `ALTER TABLE ${S} DROP COLUMN "target_id"`,
    ]);
  });

  it('metrics is rebuilt (its 2.x key cannot be dropped in place), then the unfinished day', () => {
    const metrics: TableState = {
      ...schedules,
      name: 'agno_metrics',
      columns: [
        col('id', 'varchar', false),
        col('date', 'date', false),
        col('aggregation_period', 'varchar', false),
        col('completed', 'boolean', false),
      ],
      indexes: [],
      uniqueConstraints: [{ name: null, columns: ['date', 'aggregation_period'] }],
    };
    expect(planStatements(dialect, 'metrics', metrics)).toEqual([
      '-- task: rebuild metrics with user_id and the per-user unique key',
      '-- task: delete the unfinished newest day of unowned metrics, which Agno re-aggregates',
    ]);
  });
});

describe('SQLite metrics rebuild, as a dry run lists it', () => {
  it('renames, drops the old indexes, creates the 3.0 table, copies with COALESCE, drops the old one, then clears the unfinished day', async () => {
    const { createAgno29Database, sqliteTarget } = await import('@agno-migrate/test-infra');
    const { MigrationManager } = await import('@agno-migrate/core');
    const db = await sqliteTarget((path) => sqliteDialect({ path })).create();
    try {
      await createAgno29Database(db);
      await db.exec('CREATE INDEX "my_period_index" ON "agno_metrics" (aggregation_period, date)');
      const manager = new MigrationManager(db.dialect());
      const plan = await manager.up({ tableType: 'metrics', dryRun: true });
      manager.closeSync();
      const statements = plan.tables[0]!.steps.flatMap((s) => s.operations.flatMap((o) => o.statements)).map((s) => [s.sql, s.params]);
      expect(statements).toEqual([
        ['ALTER TABLE "agno_metrics" RENAME TO "agno_metrics_pre_v3_0_0"', []],
        // In the order SQLite lists them (newest first).
        ['DROP INDEX IF EXISTS "my_period_index"', []],
        ['DROP INDEX IF EXISTS "idx_agno_metrics_aggregation_period"', []],
        ['DROP INDEX IF EXISTS "idx_agno_metrics_date"', []],
        [
          'CREATE TABLE "agno_metrics" (\n\t"id" VARCHAR NOT NULL,\n\t"agent_runs_count" BIGINT NOT NULL,\n\t"team_runs_count" BIGINT NOT NULL,\n\t' +
            '"workflow_runs_count" BIGINT NOT NULL,\n\t"agent_sessions_count" BIGINT NOT NULL,\n\t"team_sessions_count" BIGINT NOT NULL,\n\t' +
            '"workflow_sessions_count" BIGINT NOT NULL,\n\t"users_count" BIGINT NOT NULL,\n\t"token_metrics" JSON NOT NULL,\n\t' +
            '"model_metrics" JSON NOT NULL,\n\t"date" DATE NOT NULL,\n\t"aggregation_period" VARCHAR NOT NULL,\n\t"user_id" VARCHAR NOT NULL,\n\t' +
            '"created_at" BIGINT NOT NULL,\n\t"updated_at" BIGINT,\n\t"completed" BOOLEAN NOT NULL,\n\tPRIMARY KEY ("id"),\n\t' +
            'CONSTRAINT "agno_metrics_uq_metrics_user_date_period" UNIQUE ("user_id", "date", "aggregation_period")\n)',
          [],
        ],
        ['CREATE INDEX "idx_agno_metrics_date" ON "agno_metrics" ("date")', []],
        ['CREATE INDEX "idx_agno_metrics_aggregation_period" ON "agno_metrics" ("aggregation_period")', []],
        ['CREATE INDEX "idx_agno_metrics_user_id" ON "agno_metrics" ("user_id")', []],
        ['CREATE INDEX "my_period_index" ON "agno_metrics" ("aggregation_period", "date")', []],
        [
          'INSERT INTO "agno_metrics" ("id", "agent_runs_count", "team_runs_count", "workflow_runs_count", "agent_sessions_count", ' +
            '"team_sessions_count", "workflow_sessions_count", "users_count", "token_metrics", "model_metrics", "date", "aggregation_period", ' +
            '"created_at", "updated_at", "completed", "user_id") SELECT "id", "agent_runs_count", "team_runs_count", "workflow_runs_count", ' +
            '"agent_sessions_count", "team_sessions_count", "workflow_sessions_count", "users_count", "token_metrics", "model_metrics", "date", ' +
            '"aggregation_period", "created_at", "updated_at", "completed", ? FROM "agno_metrics_pre_v3_0_0"',
          [''],
        ],
        ['DROP TABLE "agno_metrics_pre_v3_0_0"', []],
        ['DELETE FROM "agno_metrics" WHERE NOT "completed" AND ("user_id" = ? OR "user_id" IS NULL) AND "date" = ?', ['', '2026-08-22']],
      ]);
    } finally {
      await db.close();
    }
  });
});
