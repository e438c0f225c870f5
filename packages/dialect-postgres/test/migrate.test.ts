import { reachedVersion, AGNO_GRAPH } from '@agno-migrate/test-infra';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from '@agno-migrate/test-infra';
import {
  assertPostgresAvailable,
  columnTypes,
  constraints,
  createAgno22,
  indexes,
  manager,
  skipPostgres,
  target,
  versions,
} from './support/postgres.js';

const NOW = new Date('2026-03-25T10:11:12.345Z');
const NOW_EPOCH = Math.floor(NOW.getTime() / 1000);

const SESSION_DATA = { session_state: { cart: ['tea', 'milk'], nested: { n: 1.5, ok: true, none: null } } };
const RUNS = [{ run_id: 'r1', content: 'héllo ✓', metrics: { tokens: 12 } }, { run_id: 'r2' }];
const MEMORY = { memory: 'likes green tea', extra: [1, 2, 3] };
const TOPICS = ['tea', 'drinks'];
const TOKEN_METRICS = { input_tokens: 10, output_tokens: 20 };

const JSONB_COLUMNS: Record<string, string[]> = {
  agno_sessions: ['session_data', 'agent_data', 'team_data', 'workflow_data', 'metadata', 'runs', 'summary'],
  agno_memories: ['memory', 'topics'],
  agno_eval_runs: ['eval_data', 'eval_input'],
  agno_metrics: ['token_metrics', 'model_metrics'],
  agno_knowledge: ['metadata'],
  agno_culture: ['metadata'],
};
const TABLES = Object.keys(JSONB_COLUMNS);
const TYPE_OF: Record<string, string> = {
  agno_sessions: 'sessions',
  agno_memories: 'memories',
  agno_eval_runs: 'evals',
  agno_metrics: 'metrics',
  agno_knowledge: 'knowledge',
  agno_culture: 'culture',
};

async function seed(db: TestDatabase): Promise<void> {
  await createAgno22(db);
  await db.exec(
    `INSERT INTO ${db.qualify('agno_sessions')} (session_id, session_type, user_id, session_data, runs, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?), (?, ?, ?, ?, ?, ?, ?)`,
    ['s1', 'agent', 'u1', SESSION_DATA, RUNS, 1_700_000_000, 1_700_000_500, 's2', 'team', 'u2', null, null, 1_700_000_001, null],
  );
  await db.exec(
    `INSERT INTO ${db.qualify('agno_memories')} (memory_id, memory, input, user_id, topics, updated_at) VALUES (?, ?, ?, ?, ?, ?), (?, ?, ?, ?, ?, ?)`,
    ['m1', MEMORY, 'I like tea', 'u1', TOPICS, 1_700_000_100, 'm2', { memory: 'no timestamp' }, null, 'u1', null, null],
  );
  await db.exec(
    `INSERT INTO ${db.qualify('agno_metrics')} (id, agent_runs_count, team_runs_count, workflow_runs_count, agent_sessions_count, team_sessions_count, ` +
      'workflow_sessions_count, users_count, token_metrics, model_metrics, date, aggregation_period, created_at, completed) ' +
      "VALUES ('x1', 1, 0, 0, 1, 0, 0, 1, ?, ?, '2025-01-01', 'daily', 1700000000, true)",
    [TOKEN_METRICS, {}],
  );
  await db.exec(
    `INSERT INTO ${db.qualify('agno_eval_runs')} (run_id, eval_type, eval_data, eval_input, created_at) VALUES ('e1', 'accuracy', ?, ?, 1700000000)`,
    [{ score: 9 }, { input: 'q' }],
  );
  await db.exec(`INSERT INTO ${db.qualify('agno_knowledge')} (id, name, description, metadata) VALUES ('k1', 'doc', 'a doc', ?)`, [
    { pages: 3 },
  ]);
  await db.exec(`INSERT INTO ${db.qualify('agno_culture')} (id, name, content, metadata) VALUES ('c1', 'norm', ?, ?)`, [
    { rule: 'be kind' },
    { v: 1 },
  ]);
}

async function expectLatestShape(db: TestDatabase): Promise<void> {
  expect(await versions(db)).toEqual({
    ...Object.fromEntries(TABLES.map((t) => [t, reachedVersion(TYPE_OF[t]!)])),
    agno_runs: AGNO_GRAPH.latest,
  });
  for (const [table, columns] of Object.entries(JSONB_COLUMNS)) {
    const types = await columnTypes(db, table);
    for (const column of columns) expect(`${table}.${column}: ${types[column]?.type}`).toBe(`${table}.${column}: jsonb`);
  }
  expect(await constraints(db, 'agno_sessions')).toEqual([{ name: 'agno_sessions_pkey', type: 'p', columns: ['session_id'] }]);
  const memories = await columnTypes(db, 'agno_memories');
  expect(memories['created_at']).toEqual({ type: 'bigint', nullable: false });
  expect(memories['feedback']).toEqual({ type: 'text', nullable: true });
  // Agno never migrated input from VARCHAR to TEXT; neither do we.
  expect(memories['input']?.type).toBe('character varying');
  expect(await indexes(db, 'agno_memories')).toContainEqual({ name: 'idx_agno_memories_created_at', valid: true, unique: false });
  const created = await db.rows(`SELECT memory_id, created_at FROM ${db.qualify('agno_memories')} ORDER BY memory_id`);
  expect(created.map((r) => [r['memory_id'], Number(r['created_at'])])).toEqual([
    ['m1', 1_700_000_100],
    ['m2', NOW_EPOCH],
  ]);
}

async function expectDataIntact(db: TestDatabase): Promise<void> {
  const [s1] = await db.rows(`SELECT session_data, runs, created_at FROM ${db.qualify('agno_sessions')} WHERE session_id = 's1'`);
  expect(s1?.['session_data']).toEqual(SESSION_DATA);
  expect(s1?.['runs']).toEqual(RUNS);
  expect(Number(s1?.['created_at'])).toBe(1_700_000_000);
  const [m1] = await db.rows(`SELECT memory, topics, input FROM ${db.qualify('agno_memories')} WHERE memory_id = 'm1'`);
  expect(m1).toEqual({ memory: MEMORY, topics: TOPICS, input: 'I like tea' });
  const [metrics] = await db.rows(`SELECT token_metrics, model_metrics FROM ${db.qualify('agno_metrics')}`);
  expect(metrics).toEqual({ token_metrics: TOKEN_METRICS, model_metrics: {} });
  const [culture] = await db.rows(`SELECT content, metadata FROM ${db.qualify('agno_culture')}`);
  expect(culture).toEqual({ content: { rule: 'be kind' }, metadata: { v: 1 } });
}

describe.skipIf(skipPostgres)('PostgreSQL: Agno 2.2 tables → latest and back', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    assertPostgresAvailable();
    db = await target.create();
    await seed(db);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('a dry run plans the SQL and changes nothing', async () => {
    const m = manager(db, { now: () => NOW });
    try {
      const plan = await m.plan();
      const sql = plan.tables.flatMap((t) => t.steps.flatMap((s) => s.operations.flatMap((o) => o.statements.map((st) => st.sql))));
      // memories is rewritten once: the created_at backfill, its NOT NULL and both JSONB columns in one statement.
      expect(sql).toContain(
        `ALTER TABLE ${db.qualify('agno_memories')} ALTER COLUMN "created_at" TYPE BIGINT USING COALESCE("created_at", COALESCE("updated_at", ${NOW_EPOCH})), ` +
          `ALTER COLUMN "created_at" SET NOT NULL, ADD COLUMN "feedback" TEXT, ` +
          `ALTER COLUMN "memory" TYPE JSONB USING "memory"::jsonb, ALTER COLUMN "topics" TYPE JSONB USING "topics"::jsonb`,
      );
      expect(sql).toContain(
        `ALTER TABLE ${db.qualify('agno_sessions')} ADD PRIMARY KEY ("session_id"), DROP CONSTRAINT "agno_sessions_uq_session_id"`,
      );
      const memories = plan.tables.find((t) => t.tableName === 'agno_memories')!.steps[0]!.operations;
      const carried = memories.filter((o) => o.carriedBy !== undefined).map((o) => [o.description, memories[o.carriedBy!]!.description]);
      expect(carried).toEqual([
        ['set created_at not null', 'fill created_at where it is NULL'],
        ['add column feedback', 'fill created_at where it is NULL'],
        ['convert memory, topics from JSON to JSONB', 'fill created_at where it is NULL'],
      ]);
      expect((await columnTypes(db, 'agno_memories'))['created_at']).toBeUndefined();
      expect(await db.rows('SELECT to_regclass(?) AS t', [`${db.namespace}.agno_schema_versions`])).toEqual([{ t: null }]);
    } finally {
      await m.close();
    }
  });

  it("up() migrates every table as far as it goes with Agno's shapes and keeps the data", async () => {
    const m = manager(db, { now: () => NOW });
    try {
      const result = await m.up();
      expect(result.status).toBe('ok');
      const outcomes = Object.fromEntries(result.tables.map((t) => [t.tableName, `${t.outcome} ${t.from}→${t.to}`]));
      expect(Object.fromEntries(TABLES.map((t) => [t, outcomes[t]]))).toEqual(
        Object.fromEntries(TABLES.map((t) => [t, `migrated 2.0.0→${reachedVersion(TYPE_OF[t]!)}`])),
      );
      // The types Agno 2.2 did not have yet are absent: reported, not stamped.
      for (const [table, outcome] of Object.entries(outcomes))
        if (!TABLES.includes(table)) expect(outcome, table).toBe('absent 2.0.0→2.0.0');
      expect(outcomes['agno_approvals']).toBe('absent 2.0.0→2.0.0');
    } finally {
      await m.close();
    }
    await expectLatestShape(db);
    await expectDataIntact(db);
  });

  it("the versions table is Agno's (spec 2.7)", async () => {
    expect(await columnTypes(db, 'agno_schema_versions')).toEqual({
      table_name: { type: 'character varying', nullable: false },
      version: { type: 'character varying', nullable: false },
      created_at: { type: 'character varying', nullable: false },
      updated_at: { type: 'character varying', nullable: true },
    });
    expect(await constraints(db, 'agno_schema_versions')).toEqual([
      { name: 'agno_schema_versions_pkey', type: 'p', columns: ['table_name'] },
    ]);
    expect((await indexes(db, 'agno_schema_versions')).map((i) => i.name)).toContain('idx_agno_schema_versions_created_at');
    const rows = await db.rows(`SELECT created_at, updated_at FROM ${db.qualify('agno_schema_versions')}`);
    for (const row of rows) expect(String(row['created_at'])).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/);
  });

  it('a second up() has nothing to do', async () => {
    const m = manager(db, { now: () => NOW });
    try {
      const result = await m.up();
      // Nothing runs: each table is up to date, or held below a step it cannot pass yet.
      expect(result.tables.filter((t) => t.outcome !== 'absent' && t.outcome !== 'up-to-date' && t.outcome !== 'held')).toEqual([]);
      expect(result.tables.flatMap((t) => t.steps)).toEqual([]);
    } finally {
      await m.close();
    }
  });

  it('down to 2.0.0 restores the 2.2 keys and columns (JSONB stays, as in Agno), then up() again', async () => {
    const m = manager(db, { now: () => NOW });
    try {
      const down = await m.down({ targetVersion: '2.0.0' });
      expect(down.status).toBe('ok');
      expect(await versions(db)).toEqual({ ...Object.fromEntries(TABLES.map((t) => [t, '2.0.0'])), agno_runs: AGNO_GRAPH.latest });
      expect(await constraints(db, 'agno_sessions')).toEqual([{ name: 'agno_sessions_uq_session_id', type: 'u', columns: ['session_id'] }]);
      const memories = await columnTypes(db, 'agno_memories');
      expect(memories['created_at']).toBeUndefined();
      expect(memories['feedback']).toBeUndefined();
      expect(memories['memory']?.type).toBe('jsonb');

      expect((await m.up()).status).toBe('ok');
    } finally {
      await m.close();
    }
    await expectLatestShape(db);
    await expectDataIntact(db);
  });
});
