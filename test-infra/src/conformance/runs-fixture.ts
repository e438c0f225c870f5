import { MigrationManager, resolveTableType } from '@agno-migrate/core';
import type { ManagerOptions } from '@agno-migrate/core';
import type { TestDatabase } from '../target.js';

export const RUNS_NOW = new Date('2026-01-02T03:04:05Z');
export const NOW_SECONDS = Math.floor(RUNS_NOW.getTime() / 1000);

const runA = {
  run_id: 'A',
  agent_id: 'ag',
  status: 'COMPLETED',
  parent_run_id: null,
  created_at: 1600000000,
  content: { nested: [1, 2], text: 'é ✓' },
};
const runB = { run_id: 'B', agent_id: '', team_id: 't', status: 'RUNNING', parent_run_id: 'A', created_at: 0 };
const runC = { run_id: 'C', workflow_id: 'w', created_at: 1700000000 };
const runD = { run_id: 'D', agent_id: 'ag2', created_at: 1650000000 };
const runE = { run_id: 'E', team_id: 't2', created_at: 1660000000 };

/** Legacy blobs covering every rule of Agno's copy: each skip reason, gaps, existing rows, decoding twice. */
export const SESSIONS: readonly { id: string; user: string | null; runs: string | null }[] = [
  { id: 's1', user: 'u1', runs: JSON.stringify([runA, 5, { status: 'x' }, runB, { run_id: null }, runC]) },
  { id: 's2', user: null, runs: JSON.stringify({ x: 1 }) },
  { id: 's3', user: 'u3', runs: JSON.stringify(JSON.stringify([runD])) },
  { id: 's4', user: 'u4', runs: JSON.stringify('not json {') },
  { id: 's5', user: 'u5', runs: null },
  { id: 's6', user: 'u6', runs: JSON.stringify([runE]) },
  { id: 's7', user: 'u7', runs: JSON.stringify([]) },
];

/** The row the application already wrote for E: the copy must keep it. */
export const KEPT_E = { run_id: 'E', kept: true };

export function runsManager(db: TestDatabase, managers: MigrationManager[], opts: ManagerOptions = {}): MigrationManager {
  const m = new MigrationManager(db.dialect(), { now: () => RUNS_NOW, lockTimeoutMs: 20_000, ...opts });
  managers.push(m);
  return m;
}

/** A sessions table as Agno 2.5.6 has it (with runs), stamped 2.5.6, holding `sessions`. */
export async function legacySessions(
  db: TestDatabase,
  manager: MigrationManager,
  sessions: readonly { id: string; user: string | null; runs: string | null }[] = SESSIONS,
): Promise<void> {
  const dialect = db.dialect();
  const names = manager.tableNames();
  for (const statement of dialect.emitter.createTable(
    resolveTableType('sessions').define(dialect.flavor, '2.5.6'),
    names['sessions']!,
    names,
  )) {
    await db.exec(statement.sql, statement.params);
  }
  await insertSessions(db, names['sessions']!, sessions);
  const stamped = await manager.up({ tableType: 'sessions', targetVersion: '2.5.6' });
  if (stamped.status !== 'ok') throw new Error(`fixture: sessions not stamped 2.5.6: ${JSON.stringify(stamped)}`);
}

export async function insertSessions(
  db: TestDatabase,
  table: string,
  sessions: readonly { id: string; user: string | null; runs: string | null }[],
): Promise<void> {
  const q = (n: string) => db.quoteIdent(n);
  for (let i = 0; i < sessions.length; i += 200) {
    const chunk = sessions.slice(i, i + 200);
    const params = chunk.flatMap((s) => [s.id, 'agent', s.user, s.runs, 1600000000]);
    await db.exec(
      `INSERT INTO ${db.qualify(table)} (${q('session_id')}, ${q('session_type')}, ${q('user_id')}, ${q('runs')}, ${q('created_at')}) VALUES ` +
        chunk.map(() => '(?, ?, ?, ?, ?)').join(', '),
      params,
    );
  }
}

/** The runs table's rows, normalised across drivers (numbers as numbers, run_data parsed). */
export async function runRows(db: TestDatabase, table = 'agno_runs'): Promise<Record<string, unknown>[]> {
  const rows = await db.rows(`SELECT * FROM ${db.qualify(table)} ORDER BY ${db.quoteIdent('session_id')}, ${db.quoteIdent('run_id')}`);
  return rows.map((r) => ({
    ...r,
    run_index: r['run_index'] === null ? null : Number(r['run_index']),
    created_at: Number(r['created_at']),
    updated_at: r['updated_at'] === null ? null : Number(r['updated_at']),
    run_data: typeof r['run_data'] === 'string' ? JSON.parse(r['run_data']) : r['run_data'],
  }));
}

export async function blobOf(db: TestDatabase, sessionId: string, table = 'agno_sessions'): Promise<unknown> {
  const [row] = await db.rows(`SELECT ${db.quoteIdent('runs')} AS r FROM ${db.qualify(table)} WHERE ${db.quoteIdent('session_id')} = ?`, [
    sessionId,
  ]);
  const value = row?.['r'];
  if (typeof value !== 'string') return value ?? null;
  // SQLite returns JSON text; drivers that decode JSON return a JSON string value as a plain string.
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

export async function versionOf(db: TestDatabase, table: string): Promise<string | undefined> {
  const rows = await db.rows(
    `SELECT ${db.quoteIdent('version')} AS v FROM ${db.qualify('agno_schema_versions')} WHERE ${db.quoteIdent('table_name')} = ?`,
    [table],
  );
  return rows[0] ? String(rows[0]['v']) : undefined;
}

export async function tableColumns(db: TestDatabase, manager: MigrationManager, table: string): Promise<string[] | null> {
  void manager;
  const dialect = db.dialect();
  const conn = await dialect.connector.connect();
  try {
    const { runAsync } = await import('@agno-migrate/core');
    const state = await runAsync(dialect.introspector.introspect(table), conn);
    return state ? state.columns.map((c) => c.name) : null;
  } finally {
    await conn.close();
  }
}

/** The copy report of the sessions table's 3.0.0 step. */
export function copyReport(result: {
  tables: readonly { tableType: string; steps: readonly { to: string; operations: readonly { report?: unknown }[] }[] }[];
}) {
  const sessions = result.tables.find((t) => t.tableType === 'sessions');
  const reports = (sessions?.steps ?? []).flatMap((s) => s.operations.filter((o) => o.report !== undefined));
  return reports[0]?.report as Record<string, unknown> | undefined;
}
