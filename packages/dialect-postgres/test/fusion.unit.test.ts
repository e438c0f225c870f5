import type { Operation, OperationContext, TableState } from '@agno-migrate/core';
import {
  addColumn,
  addPrimaryKey,
  backfill,
  createIndex,
  dropColumn,
  dropUnique,
  jsonToJsonb,
  requireNoNulls,
  setNotNull,
  specOf,
} from '@agno-migrate/core';
import { planStatements } from '@agno-migrate/test-infra';
import { describe, expect, it } from 'vitest';
import { postgresDialect } from '../src/index.js';

const dialect = postgresDialect({ url: 'postgres://agno@db.example:5432/app', schema: 'ai' });
const col = (name: string, dataType = 'varchar', nullable = true) => ({ name, dataType, nullable });
const M = '"ai"."agno_memories"';
const S = '"ai"."agno_sessions"';

/** agno_memories as Agno 2.0.0 created it: no created_at, no feedback, JSON columns. */
const memories20: TableState = {
  name: 'agno_memories',
  columns: [col('memory_id', 'varchar', false), col('memory', 'json', false), col('topics', 'json'), col('updated_at', 'bigint')],
  indexes: [{ name: 'idx_agno_memories_updated_at', columns: ['updated_at'], unique: false, valid: true }],
  primaryKey: { name: 'agno_memories_pkey', columns: ['memory_id'] },
  uniqueConstraints: [],
  userTriggers: false,
};

const JSON_COLUMNS = ['session_data', 'agent_data', 'team_data', 'workflow_data', 'metadata', 'runs', 'summary'];

/** agno_sessions as Agno 2.0.0 created it: the unique key on session_id, no primary key, JSON columns. */
const sessions20: TableState = {
  name: 'agno_sessions',
  columns: [col('session_id', 'varchar', false), ...JSON_COLUMNS.map((c) => col(c, 'json')), col('created_at', 'bigint', false)],
  indexes: [],
  primaryKey: null,
  uniqueConstraints: [{ name: 'agno_sessions_uq_session_id', columns: ['session_id'] }],
};

/** The plan of `ops` as the step executor asks for it: the needed ones, each with the state it finds. */
function plan(ops: readonly Operation[], state: TableState) {
  const ctx: OperationContext = { table: state.name, capabilities: dialect.capabilities };
  const planned = [];
  let current = state;
  for (const op of ops) {
    if (!specOf(op).isNeeded(op, current, ctx)) continue;
    planned.push({ op, state: current });
    current = specOf(op).apply(op, current);
  }
  return dialect.emitter
    .renderPlan(planned, ctx)
    .map((p) => ('carriedBy' in p ? { carriedBy: p.carriedBy } : p.statements.map((s) => s.sql)));
}

describe('PostgreSQL plans a table in the fewest rewrites', () => {
  it('memories 2.0.0 → 2.3.0: the column first, then one rewrite with the backfill as USING, the index after it', () =>
    expect(planStatements(dialect, 'memories', memories20, { version: '2.3.0' })).toEqual([
      `ALTER TABLE ${M} ADD COLUMN "created_at" BIGINT`,
      `ALTER TABLE ${M} ALTER COLUMN "created_at" TYPE BIGINT USING COALESCE("created_at", COALESCE("updated_at", 0)), ` +
        `ALTER COLUMN "created_at" SET NOT NULL, ADD COLUMN "feedback" TEXT, ` +
        `ALTER COLUMN "memory" TYPE JSONB USING "memory"::jsonb, ALTER COLUMN "topics" TYPE JSONB USING "topics"::jsonb`,
      `CREATE INDEX "idx_agno_memories_created_at" ON ${M} ("created_at")`,
    ]));

  it('each operation keeps its entry: the ones a statement carries name the operation it is attached to', () =>
    expect(
      plan(
        [
          addColumn({ name: 'created_at', type: { kind: 'bigint' }, nullable: true }),
          backfill('created_at', { coalesce: [{ column: 'updated_at' }, { value: 7 }] }),
          setNotNull('created_at'),
          createIndex('idx_agno_memories_created_at', ['created_at']),
          addColumn({ name: 'feedback', type: { kind: 'text' }, nullable: true }),
          jsonToJsonb('memory', 'topics'),
        ],
        memories20,
      ),
    ).toEqual([
      [`ALTER TABLE ${M} ADD COLUMN "created_at" BIGINT`],
      [
        `ALTER TABLE ${M} ALTER COLUMN "created_at" TYPE BIGINT USING COALESCE("created_at", COALESCE("updated_at", 7)), ` +
          `ALTER COLUMN "created_at" SET NOT NULL, ADD COLUMN "feedback" TEXT, ` +
          `ALTER COLUMN "memory" TYPE JSONB USING "memory"::jsonb, ALTER COLUMN "topics" TYPE JSONB USING "topics"::jsonb`,
      ],
      { carriedBy: 1 },
      [`CREATE INDEX "idx_agno_memories_created_at" ON ${M} ("created_at")`],
      { carriedBy: 1 },
      { carriedBy: 1 },
    ]));

  it('memories already JSONB: no rewrite to fold into, so the backfill stays an UPDATE', () => {
    const jsonb = { ...memories20, columns: memories20.columns.map((c) => (c.dataType === 'json' ? { ...c, dataType: 'jsonb' } : c)) };
    expect(planStatements(dialect, 'memories', jsonb, { version: '2.3.0' })).toEqual([
      `ALTER TABLE ${M} ADD COLUMN "created_at" BIGINT`,
      `UPDATE ${M} SET "created_at" = COALESCE("updated_at", $1) WHERE "created_at" IS NULL -- [0]`,
      `ALTER TABLE ${M} ALTER COLUMN "created_at" SET NOT NULL, ADD COLUMN "feedback" TEXT`,
      `CREATE INDEX "idx_agno_memories_created_at" ON ${M} ("created_at")`,
    ]);
  });

  it('a table with triggers of its own keeps the UPDATE they expect', () =>
    expect(planStatements(dialect, 'memories', { ...memories20, userTriggers: true }, { version: '2.3.0' })[1]).toBe(
      `UPDATE ${M} SET "created_at" = COALESCE("updated_at", $1) WHERE "created_at" IS NULL -- [0]`,
    ));

  it('a backfill whose value cannot be written as a literal stays an UPDATE', () =>
    expect(plan([backfill('updated_at', { value: 1.5 }), jsonToJsonb('memory')], { ...memories20, name: 'agno_memories' })).toEqual([
      [`UPDATE ${M} SET "updated_at" = $1 WHERE "updated_at" IS NULL`],
      [`ALTER TABLE ${M} ALTER COLUMN "memory" TYPE JSONB USING "memory"::jsonb`],
    ]));

  it('sessions 2.0.0 → 2.3.0: seven JSON columns, one rewrite', () =>
    expect(planStatements(dialect, 'sessions', sessions20, { version: '2.3.0' })).toEqual([
      `ALTER TABLE ${S} ${JSON_COLUMNS.map((c) => `ALTER COLUMN "${c}" TYPE JSONB USING "${c}"::jsonb`).join(', ')}`,
    ]));

  it('sessions 2.3.0 → 2.5.0: the checks the unique NOT NULL key proves are skipped; key swap in one statement', () =>
    expect(planStatements(dialect, 'sessions', sessions20, { version: '2.5.0' })).toEqual([
      `ALTER TABLE ${S} ADD PRIMARY KEY ("session_id"), DROP CONSTRAINT "agno_sessions_uq_session_id"`,
    ]));

  it('sessions 2.3.0 → 2.5.0 without the unique key, on a nullable column: both checks run before the statement they guard', () => {
    const bare: TableState = {
      ...sessions20,
      columns: sessions20.columns.map((c) => (c.name === 'session_id' ? { ...c, nullable: true } : c)),
      uniqueConstraints: [],
    };
    const steps = planStatements(dialect, 'sessions', bare, { version: '2.5.0' });
    expect(steps).toHaveLength(3);
    expect(steps[0]).toMatch(/^SELECT COUNT\(\*\) AS "n" FROM .* WHERE "session_id" IS NULL$/);
    expect(steps[1]).toMatch(/GROUP BY "session_id" HAVING COUNT\(\*\) > 1/);
    expect(steps[2]).toBe(`ALTER TABLE ${S} ADD PRIMARY KEY ("session_id")`);
  });

  it('a precondition splits the statement: what it guards runs after it', () =>
    expect(
      plan(
        [
          addColumn({ name: 'x', type: { kind: 'text' }, nullable: true }),
          requireNoNulls('session_id'),
          dropUnique('agno_sessions_uq_session_id'),
        ],
        {
          ...sessions20,
          columns: sessions20.columns.map((c) => (c.name === 'session_id' ? { ...c, nullable: true } : c)),
        },
      ),
    ).toEqual([
      [`ALTER TABLE ${S} ADD COLUMN "x" TEXT`],
      [`SELECT COUNT(*) AS "n" FROM ${S} WHERE "session_id" IS NULL`],
      [`ALTER TABLE ${S} DROP CONSTRAINT "agno_sessions_uq_session_id"`],
    ]));

  it('a column added in a statement is not touched again by it (PostgreSQL resolves columns before adding)', () =>
    expect(
      plan(
        [addColumn({ name: 'x', type: { kind: 'text' }, nullable: true }, 'v'), dropColumn('x'), addPrimaryKey(['session_id'])],
        sessions20,
      ),
    ).toEqual([
      [`ALTER TABLE ${S} ADD COLUMN "x" TEXT DEFAULT 'v'`],
      [`ALTER TABLE ${S} DROP COLUMN "x", ADD PRIMARY KEY ("session_id")`],
      { carriedBy: 1 },
    ]));

  it('an index waits for the rewrite, but nothing that could drop what it needs joins after it', () =>
    expect(
      plan([jsonToJsonb('runs'), createIndex('idx_x', ['created_at']), dropColumn('summary'), jsonToJsonb('summary')], sessions20),
    ).toEqual([
      [`ALTER TABLE ${S} ALTER COLUMN "runs" TYPE JSONB USING "runs"::jsonb`],
      [`CREATE INDEX "idx_x" ON ${S} ("created_at")`],
      [`ALTER TABLE ${S} DROP COLUMN "summary"`],
    ]));
});
