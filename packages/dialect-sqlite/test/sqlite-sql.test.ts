import type { OperationContext, TableState } from '@agno-migrate/core';
import {
  addColumn,
  addPrimaryKey,
  addUnique,
  backfill,
  coalesce,
  col,
  createIndex,
  dropColumn,
  dropIndex,
  dropUnique,
  jsonToJsonb,
  requireNoNulls,
  requireUnique,
  setNotNull,
  TABLE_TYPES,
  value,
  VERSIONS_TABLE,
} from '@agno-migrate/core';
import { describe, expect, it } from 'vitest';
import { sqliteDialect } from '../src/index.js';

const dialect = sqliteDialect(':memory:');
const ctx: OperationContext = { table: 'agno_memories', capabilities: dialect.capabilities };
const state: TableState = {
  name: 'agno_memories',
  columns: [
    { name: 'created_at', dataType: 'bigint', nullable: false },
    { name: 'updated_at', dataType: 'bigint', nullable: true },
  ],
  indexes: [{ name: 'idx_agno_memories_created_at', columns: ['created_at'], unique: false, valid: true }],
  primaryKey: { name: null, columns: ['memory_id'] },
  uniqueConstraints: [],
};
const render = (op: Parameters<typeof dialect.emitter.renderOperation>[0]) =>
  dialect.emitter.renderOperation(op, state, ctx).map((s) => [s.sql, s.params]);

describe('SQLite SQL of every operation', () => {
  it('add column', () =>
    expect(render(addColumn({ name: 'feedback', type: { kind: 'string' }, nullable: true }))).toEqual([
      ['ALTER TABLE "agno_memories" ADD COLUMN "feedback" VARCHAR', []],
    ]));
  it('drop column drops its indexes first', () =>
    expect(render(dropColumn('created_at'))).toEqual([
      ['DROP INDEX "idx_agno_memories_created_at"', []],
      ['ALTER TABLE "agno_memories" DROP COLUMN "created_at"', []],
    ]));
  it('create index', () =>
    expect(render(createIndex('ix_t "x"', ['run_status']))).toEqual([['CREATE INDEX "ix_t ""x""" ON "agno_memories" ("run_status")', []]]));
  it('drop index', () =>
    expect(render(dropIndex('idx_agno_memories_created_at'))).toEqual([['DROP INDEX "idx_agno_memories_created_at"', []]]));
  it('add unique uses a unique index', () =>
    expect(render(addUnique('s_uq_session_id', ['session_id']))).toEqual([
      ['CREATE UNIQUE INDEX "s_uq_session_id" ON "agno_memories" ("session_id")', []],
    ]));
  it('drop unique drops that index', () => expect(render(dropUnique('s_uq_session_id'))).toEqual([['DROP INDEX "s_uq_session_id"', []]]));
  it('set not null', () =>
    expect(render(setNotNull('created_at'))).toEqual([['ALTER TABLE "agno_memories" ALTER COLUMN "created_at" SET NOT NULL', []]]));
  it('backfill binds its values', () =>
    expect(render(backfill('created_at', coalesce(col('updated_at'), value(1764000000))))).toEqual([
      ['UPDATE "agno_memories" SET "created_at" = COALESCE("updated_at", ?) WHERE "created_at" IS NULL', [1764000000]],
    ]));
  it('json to jsonb is nothing on SQLite', () => expect(render(jsonToJsonb('memory'))).toEqual([]));
  it('cannot add a primary key in place', () => expect(() => render(addPrimaryKey(['id']))).toThrow(/cannot add a primary key/));
  it('precondition queries', () => {
    expect(render(requireNoNulls('session_id'))).toEqual([['SELECT COUNT(*) AS "n" FROM "agno_memories" WHERE "session_id" IS NULL', []]]);
    expect(render(requireUnique('session_id'))[0]![0]).toContain('GROUP BY "session_id" HAVING COUNT(*) > 1');
  });
  it('versions upsert keeps created_at, as Agno does on SQLite', () => {
    const s = dialect.emitter.upsertVersion(
      'agno_schema_versions',
      { tableName: 'agno_memories', version: '2.5.6' },
      '2026-01-01T00:00:00.000000',
    );
    expect(s.sql).toBe(
      'INSERT INTO "agno_schema_versions" ("table_name", "version", "created_at", "updated_at") VALUES (?, ?, ?, ?) ON CONFLICT ("table_name") DO UPDATE SET "version" = excluded."version", "updated_at" = excluded."updated_at"',
    );
    expect(s.params).toEqual(['agno_memories', '2.5.6', '2026-01-01T00:00:00.000000', '2026-01-01T00:00:00.000000']);
  });
});

describe('SQLite CREATE TABLE as Agno', () => {
  const create = (type: string, name: string) =>
    dialect.emitter.createTable(TABLE_TYPES.find((t) => t.type === type)!.define('sqlite'), name, {}).map((s) => s.sql);
  it('memories', () =>
    expect(create('memories', 'agno_memories')).toEqual([
      'CREATE TABLE "agno_memories" (\n\t"memory_id" VARCHAR NOT NULL,\n\t"memory" JSON NOT NULL,\n\t"feedback" VARCHAR,\n\t"input" VARCHAR,\n\t"agent_id" VARCHAR,\n\t"team_id" VARCHAR,\n\t"user_id" VARCHAR,\n\t"topics" JSON,\n\t"created_at" BIGINT NOT NULL,\n\t"updated_at" BIGINT,\n\tPRIMARY KEY ("memory_id")\n)',
      'CREATE INDEX "idx_agno_memories_user_id" ON "agno_memories" ("user_id")',
      'CREATE INDEX "idx_agno_memories_created_at" ON "agno_memories" ("created_at")',
      'CREATE INDEX "idx_agno_memories_updated_at" ON "agno_memories" ("updated_at")',
    ]));
  it('metrics keeps a named unique constraint, per user since Agno 3.0', () =>
    expect(create('metrics', 'agno_metrics')[0]).toContain(
      'CONSTRAINT "agno_metrics_uq_metrics_user_date_period" UNIQUE ("user_id", "date", "aggregation_period")',
    ));
  it('versions table as Agno writes it', () =>
    expect(dialect.emitter.createTable(VERSIONS_TABLE.define('sqlite'), 'agno_schema_versions', {}).map((s) => s.sql)).toEqual([
      'CREATE TABLE "agno_schema_versions" (\n\t"table_name" VARCHAR NOT NULL,\n\t"version" VARCHAR NOT NULL,\n\t"created_at" VARCHAR NOT NULL,\n\t"updated_at" VARCHAR,\n\tPRIMARY KEY ("table_name")\n)',
      'CREATE INDEX "idx_agno_schema_versions_created_at" ON "agno_schema_versions" ("created_at")',
    ]));
});
