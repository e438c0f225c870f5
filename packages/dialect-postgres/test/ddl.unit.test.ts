import { resolveTableType, VERSIONS_TABLE } from '@agno-migrate/core';
import { describe, expect, it } from 'vitest';
import { postgresDialect } from '../src/index.js';

const dialect = postgresDialect({ url: 'postgres://agno@localhost/app' });
const texts = (statements: readonly { sql: string; params: readonly unknown[] }[]) => statements.map((s) => s.sql);

describe('PostgreSQL DDL as Agno creates it', () => {
  it("has Agno's capabilities and $n placeholders, in schema ai by default", () => {
    expect(dialect.capabilities).toMatchObject({
      transactionalDdl: true,
      jsonb: true,
      namespaces: true,
      maxIdentifierBytes: 63,
      alterPrimaryKey: true,
      synchronous: false,
    });
    expect(dialect.namespace).toBe('ai');
    expect(dialect.emitter.placeholder(1)).toBe('$1');
    expect(dialect.emitter.placeholder(12)).toBe('$12');
    expect(texts(dialect.emitter.createNamespace())).toEqual(['CREATE SCHEMA IF NOT EXISTS "ai"']);
    expect(dialect.emitter.stepTransaction()).toEqual({
      // A step waits a second at most for a table lock, then core retries it (SET LOCAL: it ends with the step).
      begin: [
        { sql: 'BEGIN', params: [] },
        { sql: "SET LOCAL lock_timeout = '1000ms'", params: [] },
      ],
      commit: [{ sql: 'COMMIT', params: [] }],
      rollback: [{ sql: 'ROLLBACK', params: [] }],
    });
  });

  it('sessions at the latest schema (Agno 3.0: runs live in their own table)', () => {
    const def = resolveTableType('sessions').define('postgres');
    expect(texts(dialect.emitter.createTable(def, 'agno_sessions', {}))).toEqual([
      'CREATE TABLE "ai"."agno_sessions" (\n' +
        '\t"session_id" VARCHAR NOT NULL,\n' +
        '\t"session_type" VARCHAR NOT NULL,\n' +
        '\t"agent_id" VARCHAR,\n' +
        '\t"team_id" VARCHAR,\n' +
        '\t"workflow_id" VARCHAR,\n' +
        '\t"user_id" VARCHAR,\n' +
        '\t"session_data" JSONB,\n' +
        '\t"agent_data" JSONB,\n' +
        '\t"team_data" JSONB,\n' +
        '\t"workflow_data" JSONB,\n' +
        '\t"metadata" JSONB,\n' +
        '\t"summary" JSONB,\n' +
        '\t"created_at" BIGINT NOT NULL,\n' +
        '\t"updated_at" BIGINT,\n' +
        '\tPRIMARY KEY ("session_id")\n' +
        ')',
      'CREATE INDEX "idx_agno_sessions_session_type" ON "ai"."agno_sessions" ("session_type")',
      'CREATE INDEX "idx_agno_sessions_created_at" ON "ai"."agno_sessions" ("created_at")',
    ]);
  });

  it('memories at the latest schema', () => {
    const def = resolveTableType('memories').define('postgres');
    expect(texts(dialect.emitter.createTable(def, 'agno_memories', {}))).toEqual([
      'CREATE TABLE "ai"."agno_memories" (\n' +
        '\t"memory_id" VARCHAR NOT NULL,\n' +
        '\t"memory" JSONB NOT NULL,\n' +
        '\t"feedback" TEXT,\n' +
        '\t"input" TEXT,\n' +
        '\t"agent_id" VARCHAR,\n' +
        '\t"team_id" VARCHAR,\n' +
        '\t"user_id" VARCHAR,\n' +
        '\t"topics" JSONB,\n' +
        '\t"created_at" BIGINT NOT NULL,\n' +
        '\t"updated_at" BIGINT,\n' +
        '\tPRIMARY KEY ("memory_id")\n' +
        ')',
      'CREATE INDEX "idx_agno_memories_user_id" ON "ai"."agno_memories" ("user_id")',
      'CREATE INDEX "idx_agno_memories_created_at" ON "ai"."agno_memories" ("created_at")',
      'CREATE INDEX "idx_agno_memories_updated_at" ON "ai"."agno_memories" ("updated_at")',
    ]);
  });

  it('metrics keeps a named unique constraint, per user since Agno 3.0', () => {
    const def = resolveTableType('metrics').define('postgres');
    const [create] = texts(dialect.emitter.createTable(def, 'agno_metrics', {}));
    expect(create).toContain('\t"token_metrics" JSONB NOT NULL,\n');
    expect(create).toContain('\t"date" DATE NOT NULL,\n');
    expect(create).toContain('\t"completed" BOOLEAN NOT NULL,\n');
    expect(create).toContain('\tCONSTRAINT "agno_metrics_uq_metrics_user_date_period" UNIQUE ("user_id", "date", "aggregation_period")\n');
    const [legacy] = texts(dialect.emitter.createTable(resolveTableType('metrics').define('postgres', '2.5.6'), 'agno_metrics', {}));
    expect(legacy).toContain('\tCONSTRAINT "agno_metrics_uq_metrics_date_period" UNIQUE ("date", "aggregation_period")\n');
  });

  it('the versions table matches Agno (spec 2.7): unbounded VARCHAR, PK table_name, created_at index', () => {
    expect(texts(dialect.emitter.createVersionsTable('agno_schema_versions'))).toEqual([
      'CREATE TABLE "ai"."agno_schema_versions" (\n' +
        '\t"table_name" VARCHAR NOT NULL,\n' +
        '\t"version" VARCHAR NOT NULL,\n' +
        '\t"created_at" VARCHAR NOT NULL,\n' +
        '\t"updated_at" VARCHAR,\n' +
        '\tPRIMARY KEY ("table_name")\n' +
        ')',
      'CREATE INDEX "idx_agno_schema_versions_created_at" ON "ai"."agno_schema_versions" ("created_at")',
    ]);
    expect(texts(dialect.emitter.createTable(VERSIONS_TABLE.define('postgres'), 'v', {}))[0]).toContain('"version" VARCHAR NOT NULL');
  });

  it('reads all version rows in one query and upserts keeping created_at', () => {
    expect(dialect.emitter.readVersions('agno_schema_versions')).toEqual({
      sql: 'SELECT "table_name", "version" FROM "ai"."agno_schema_versions"',
      params: [],
    });
    expect(
      dialect.emitter.upsertVersion('agno_schema_versions', { tableName: 'agno_memories', version: '2.5.6' }, '2026-03-25T10:11:12.123000'),
    ).toEqual({
      sql:
        'INSERT INTO "ai"."agno_schema_versions" ("table_name", "version", "created_at", "updated_at") VALUES ($1, $2, $3, $4) ' +
        'ON CONFLICT ("table_name") DO UPDATE SET "version" = excluded."version", "updated_at" = excluded."updated_at"',
      params: ['agno_memories', '2.5.6', '2026-03-25T10:11:12.123000', '2026-03-25T10:11:12.123000'],
    });
  });
});
