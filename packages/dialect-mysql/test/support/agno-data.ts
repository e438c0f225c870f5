import { reachedVersion } from '@agno-migrate/test-infra';
import { TABLE_TYPES } from '@agno-migrate/core';
import { mysqlAgno22Schema } from '@agno-migrate/test-infra';
import type { MysqlAgno22TableType, TestDatabase } from '@agno-migrate/test-infra';

export const NAMES = Object.fromEntries(TABLE_TYPES.map((t) => [t.type, t.defaultName])) as Record<string, string>;

export const OLD_TYPES: readonly MysqlAgno22TableType[] = ['sessions', 'memories', 'metrics', 'evals', 'knowledge', 'culture'];

/** The shape a 2.2 table of this type has after `up`: the latest, or its shape where it is held. */
export function definition(type: string) {
  const info = TABLE_TYPES.find((t) => t.type === type);
  if (!info) throw new Error(`no table type ${type}`);
  // A migrated sessions table keeps its legacy runs column, as Agno leaves it: its 2.5.6 shape.
  return info.define('mysql', type === 'sessions' ? '2.5.6' : reachedVersion(type));
}

/** The 2.2-era tables of the given types, under Agno's default names. */
export async function createOldTables(db: TestDatabase, types: readonly MysqlAgno22TableType[] = OLD_TYPES): Promise<void> {
  const tables = Object.fromEntries(types.map((t) => [t, NAMES[t]!]));
  for (const statement of mysqlAgno22Schema(db.namespace!, tables)) await db.exec(statement);
}

const PRIMARY: Record<string, string> = {
  sessions: 'session_id',
  memories: 'memory_id',
  metrics: 'id',
  evals: 'run_id',
  knowledge: 'id',
  culture: 'id',
};

/** Rows as Agno writes them, including NULLs and characters outside the BMP. */
export async function insertOldRows(db: TestDatabase, types: readonly MysqlAgno22TableType[] = OLD_TYPES): Promise<void> {
  const t = (type: string) => db.qualify(NAMES[type]!);
  const sql: Record<MysqlAgno22TableType, [string, unknown[]][]> = {
    sessions: [
      [
        `INSERT INTO ${t('sessions')} (session_id, session_type, agent_id, user_id, session_data, runs, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        ['s-1', 'agent', 'agent-a', 'u-1', '{"session_name": "first 🙂"}', '[{"run_id": "r1", "content": "hi"}]', 1700000000, 1700000100],
      ],
      [
        `INSERT INTO ${t('sessions')} (session_id, session_type, team_id, created_at) VALUES (?, ?, ?, ?)`,
        ['s-2', 'team', 'team-b', 1700000200],
      ],
      [
        `INSERT INTO ${t('sessions')} (session_id, session_type, workflow_id, metadata, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
        ['s-3', 'workflow', 'wf-c', '{"k": [1, 2]}', 1700000300, 1700000400],
      ],
    ],
    memories: [
      [
        `INSERT INTO ${t('memories')} (memory_id, memory, input, user_id, topics, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
        ['m-1', '{"memory": "likes tea"}', 'I like tea', 'u-1', '["drinks"]', 1700000500],
      ],
      [`INSERT INTO ${t('memories')} (memory_id, memory, user_id) VALUES (?, ?, ?)`, ['m-2', '{"memory": "no timestamp"}', 'u-2']],
    ],
    metrics: [
      [
        `INSERT INTO ${t('metrics')} (id, agent_runs_count, team_runs_count, workflow_runs_count, agent_sessions_count, team_sessions_count, workflow_sessions_count, users_count, token_metrics, model_metrics, date, aggregation_period, created_at, completed) VALUES (?, 1, 2, 3, 4, 5, 6, 7, ?, ?, ?, ?, ?, ?)`,
        ['x-1', '{}', '{"gpt": 3}', '2025-01-02', 'daily', 1700000600, true],
      ],
    ],
    evals: [
      [
        `INSERT INTO ${t('evals')} (run_id, eval_type, eval_data, eval_input, created_at) VALUES (?, ?, ?, ?, ?)`,
        ['e-1', 'accuracy', '{"score": 0.5}', '{"q": "?"}', 1700000700],
      ],
    ],
    knowledge: [
      [
        `INSERT INTO ${t('knowledge')} (id, name, description, size) VALUES (?, ?, ?, ?)`,
        ['k-1', 'doc.pdf', 'a document', 9007199254740991],
      ],
    ],
    culture: [
      [`INSERT INTO ${t('culture')} (id, name, summary, content) VALUES (?, ?, ?, ?)`, ['c-1', 'be kind', 'summary', '{"a": true}']],
    ],
  };
  for (const type of types) for (const [statement, params] of sql[type]) await db.exec(statement, params);
}

/** Every row of a table in primary-key order. */
export async function allRows(db: TestDatabase, type: string): Promise<Record<string, unknown>[]> {
  return db.rows(`SELECT * FROM ${db.qualify(NAMES[type]!)} ORDER BY ${db.quoteIdent(PRIMARY[type]!)}`);
}

/** The rows restricted to the given columns (those a 2.2-era table had). */
export function project(rows: readonly Record<string, unknown>[], columns: readonly string[]): Record<string, unknown>[] {
  return rows.map((r) => Object.fromEntries(columns.map((c) => [c, r[c]])));
}
