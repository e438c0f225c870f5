import type { Operation, OperationContext, TableState } from '@agno-migrate/core';
import {
  addColumn,
  addPrimaryKey,
  addUnique,
  backfill,
  coalesce,
  col,
  createIndex,
  custom,
  dropColumn,
  dropIndex,
  dropPrimaryKey,
  dropUnique,
  jsonToJsonb,
  requireNoNulls,
  requireUnique,
  setNotNull,
  sql,
  value,
} from '@agno-migrate/core';
import { describe, expect, it } from 'vitest';
import { postgresDialect } from '../src/index.js';

const dialect = postgresDialect({ url: 'postgres://agno:s3cret-pw@db.example:5433/app', schema: 'ai' });

const memories: TableState = {
  name: 'agno_memories',
  columns: [
    { name: 'memory_id', dataType: 'varchar', nullable: false },
    { name: 'memory', dataType: 'json', nullable: false },
    { name: 'topics', dataType: 'jsonb', nullable: true },
    { name: 'created_at', dataType: 'bigint', nullable: true },
    { name: 'updated_at', dataType: 'bigint', nullable: true },
  ],
  indexes: [{ name: 'idx_agno_memories_created_at', columns: ['created_at'], unique: false, valid: false }],
  primaryKey: { name: 'agno_memories_pkey', columns: ['memory_id'] },
  uniqueConstraints: [],
};

const sessions: TableState = {
  name: 'agno_sessions',
  columns: [{ name: 'session_id', dataType: 'varchar', nullable: false }],
  indexes: [],
  primaryKey: { name: 'sessions_pk_from_elsewhere', columns: ['session_id'] },
  uniqueConstraints: [{ name: 'agno_sessions_uq_session_id', columns: ['session_id'] }],
};

function render(op: Operation, state: TableState = memories) {
  const ctx: OperationContext = { table: state.name, capabilities: dialect.capabilities };
  return dialect.emitter.renderOperation(op, state, ctx).map((s) => ({ sql: s.sql, params: [...s.params] }));
}

const M = '"ai"."agno_memories"';
const S = '"ai"."agno_sessions"';

describe('PostgreSQL operation SQL', () => {
  it('addColumn: Agno type, NOT NULL only when declared', () => {
    expect(render(addColumn({ name: 'created_at', type: { kind: 'bigint' }, nullable: true }))).toEqual([
      { sql: `ALTER TABLE ${M} ADD COLUMN "created_at" BIGINT`, params: [] },
    ]);
    expect(render(addColumn({ name: 'feedback', type: { kind: 'text' }, nullable: true }))).toEqual([
      { sql: `ALTER TABLE ${M} ADD COLUMN "feedback" TEXT`, params: [] },
    ]);
    expect(render(addColumn({ name: 'note', type: { kind: 'string', length: 128 }, nullable: false }))).toEqual([
      { sql: `ALTER TABLE ${M} ADD COLUMN "note" VARCHAR NOT NULL`, params: [] },
    ]);
  });

  it('dropColumn', () => {
    expect(render(dropColumn('feedback'))).toEqual([{ sql: `ALTER TABLE ${M} DROP COLUMN "feedback"`, params: [] }]);
  });

  it('createIndex: plain, and dropping an INVALID index of the same name first', () => {
    expect(render(createIndex('ix_agno_sessions_x', ['session_id']), sessions)).toEqual([
      { sql: `CREATE INDEX "ix_agno_sessions_x" ON ${S} ("session_id")`, params: [] },
    ]);
    expect(render(createIndex('idx_agno_memories_created_at', ['created_at']))).toEqual([
      { sql: 'DROP INDEX "ai"."idx_agno_memories_created_at"', params: [] },
      { sql: `CREATE INDEX "idx_agno_memories_created_at" ON ${M} ("created_at")`, params: [] },
    ]);
    expect(render(createIndex('uq_x', ['memory_id', 'topics'], true), sessions)).toEqual([
      { sql: `CREATE UNIQUE INDEX "uq_x" ON ${S} ("memory_id", "topics")`, params: [] },
    ]);
  });

  it('dropIndex is schema-qualified (index names live in the schema)', () => {
    expect(render(dropIndex('ix_agno_approvals_run_status'))).toEqual([
      { sql: 'DROP INDEX "ai"."ix_agno_approvals_run_status"', params: [] },
    ]);
  });

  it('primary key: add, and drop by the name read from the table', () => {
    expect(render(addPrimaryKey(['session_id']), sessions)).toEqual([
      { sql: `ALTER TABLE ${S} ADD PRIMARY KEY ("session_id")`, params: [] },
    ]);
    expect(render(dropPrimaryKey(), sessions)).toEqual([
      { sql: `ALTER TABLE ${S} DROP CONSTRAINT "sessions_pk_from_elsewhere"`, params: [] },
    ]);
  });

  it('unique constraints: add named, drop by name', () => {
    expect(render(addUnique('agno_sessions_uq_session_id', ['session_id']), sessions)).toEqual([
      { sql: `ALTER TABLE ${S} ADD CONSTRAINT "agno_sessions_uq_session_id" UNIQUE ("session_id")`, params: [] },
    ]);
    expect(render(dropUnique('agno_sessions_uq_session_id'), sessions)).toEqual([
      { sql: `ALTER TABLE ${S} DROP CONSTRAINT "agno_sessions_uq_session_id"`, params: [] },
    ]);
  });

  it('setNotNull', () => {
    expect(render(setNotNull('created_at'))).toEqual([{ sql: `ALTER TABLE ${M} ALTER COLUMN "created_at" SET NOT NULL`, params: [] }]);
  });

  it('jsonToJsonb: one ALTER per column still JSON, none for columns already JSONB or absent', () => {
    expect(render(jsonToJsonb('memory', 'topics', 'missing'))).toEqual([
      { sql: `ALTER TABLE ${M} ALTER COLUMN "memory" TYPE JSONB USING "memory"::jsonb`, params: [] },
    ]);
  });

  it('backfill: values are parameters', () => {
    expect(render(backfill('created_at', coalesce(col('updated_at'), value(1_764_000_000))))).toEqual([
      { sql: `UPDATE ${M} SET "created_at" = COALESCE("updated_at", $1) WHERE "created_at" IS NULL`, params: [1_764_000_000] },
    ]);
  });

  it('data preconditions', () => {
    expect(render(requireNoNulls('session_id'), sessions)).toEqual([
      { sql: `SELECT COUNT(*) AS "n" FROM ${S} WHERE "session_id" IS NULL`, params: [] },
    ]);
    expect(render(requireUnique('session_id'), sessions)).toEqual([
      {
        sql:
          `SELECT "session_id" AS "value", COUNT(*) AS "n" FROM ${S} WHERE "session_id" IS NOT NULL ` +
          'GROUP BY "session_id" HAVING COUNT(*) > 1 ORDER BY COUNT(*) DESC, "session_id"',
        params: [],
      },
    ]);
  });

  it('custom: the operation plans its own statements', () => {
    const op = custom('analyse', (_state, ctx) => [sql(`ANALYZE ${dialect.emitter.qualify(ctx.table)}`)]);
    expect(render(op)).toEqual([{ sql: `ANALYZE ${M}`, params: [] }]);
  });

  it('quotes every identifier, doubling embedded quotes', () => {
    const odd = postgresDialect({ url: 'postgres://u@h/d', schema: 'my"schema' });
    expect(odd.emitter.qualify('we"ird')).toBe('"my""schema"."we""ird"');
  });

  it('duplicateFixSql keeps one row per value by ctid', () => {
    expect(dialect.emitter.duplicateFixSql('agno_sessions', 'session_id')).toBe(
      '-- review first: keeps the last stored row of each duplicated session_id, deletes the others\n' +
        `DELETE FROM ${S} AS a USING ${S} AS b WHERE a."session_id" = b."session_id" AND a.ctid < b.ctid;`,
    );
  });
});
