import { readFileSync } from 'node:fs';
import { MigrationManager } from '@agno-migrate/core';
import { sqliteDialect } from '@agno-migrate/dialect-sqlite';
import type { TestDatabase } from '@agno-migrate/test-infra';
import { createV1Fixture, insertV1Rows, sqliteTarget, V1_NAMES, v1AgentSession } from '@agno-migrate/test-infra';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
// The built package carries the transform worker next to its bundle; run from the sources, the
// same code transforms on the main thread. The two are compared here.
import * as built from '../dist/index.js';
import type { MigrateV1Options, V1MigrationReport } from '../src/index.js';
import { migrateV1ToV2 } from '../src/index.js';

const target = sqliteTarget((path) => sqliteDialect({ path }));
const NOW = () => new Date('2026-01-01T00:00:00Z');
const { workflowV2Sessions, ...TABLES } = V1_NAMES;
// Pages of two rows: every table is copied in several pages, so through the worker.
const OPTIONS: MigrateV1Options = { ...TABLES, batchSize: 2, now: NOW, transformWorker: true };

/** The threads of this process (Linux), or null where it cannot be read. */
function threads(): number | null {
  try {
    const match = /^Threads:\s+(\d+)/m.exec(readFileSync('/proc/self/status', 'utf8'));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

type Migrate = (dialect: ReturnType<TestDatabase['dialect']>, options: MigrateV1Options) => Promise<V1MigrationReport>;

/** Runs a migration, noting the most threads seen at any batch. */
async function observed(migrate: Migrate, db: TestDatabase, options: MigrateV1Options) {
  let most = 0;
  const report = await migrate(db.dialect(), {
    ...options,
    onProgress: (event) => {
      if (event.type === 'batch') most = Math.max(most, threads() ?? 0);
    },
  });
  return { report, most };
}

/** Extra v1 rows the fixture lacks: JSON stored as a BLOB, characters the sanitiser removes, astral characters. */
async function extraRows(db: TestDatabase): Promise<void> {
  await insertV1Rows(db, TABLES.agentSessions, [
    v1AgentSession('z-unsafe', { session_data: { text: 'a\u0000b\ud800c\ufffe' }, agent_data: { 'k\u0001': 'v' } }),
    v1AgentSession('z-emoji', { session_data: { text: 'rocket \u{1f680}' } }),
  ]);
  await db.exec(
    `INSERT INTO ${db.qualify(TABLES.agentSessions)} (session_id, user_id, agent_id, created_at, updated_at, session_data, memory) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    [
      'z-blob',
      'user-1',
      'agent-1',
      1_700_000_000,
      1_700_000_100,
      Buffer.from(JSON.stringify({ images: [{ url: 'u', format: 'png' }], from: 'a blob' })),
      Buffer.from(JSON.stringify({ runs: [{ agent_id: 'agent-1', thinking: 't', metrics: { time: 1 } }] })),
    ],
  );
}

/** Every row of every table the migration writes, exactly as stored (the progress table without its clock columns). */
async function stored(db: TestDatabase) {
  const rows = (sql: string) => db.rows(sql);
  const progress = await rows('SELECT * FROM agno_v1_to_v2_progress ORDER BY 1, 2');
  return {
    sessions: await rows('SELECT * FROM agno_sessions ORDER BY session_id'),
    memories: await rows('SELECT * FROM agno_memories ORDER BY memory_id'),
    progress: progress.map(({ started_at: _s, updated_at: _u, ...rest }) => rest),
  };
}

const timeless = (report: V1MigrationReport) => report.tables.map(({ seconds: _s, rowsPerSecond: _r, ...rest }) => rest);

describe('v1 → v2 on SQLite with the transform in a worker thread', () => {
  let inThread: TestDatabase;
  let inWorker: TestDatabase;
  beforeEach(async () => {
    inThread = await target.create();
    inWorker = await target.create();
    for (const db of [inThread, inWorker]) {
      await createV1Fixture(db, V1_NAMES);
      await extraRows(db);
      const manager = new MigrationManager(db.dialect());
      try {
        // The v2 sessions table exists beforehand (as where a write is refused by a trigger).
        await manager.create({ tableType: 'sessions', version: '2.5.6' });
      } finally {
        await manager.close();
      }
    }
  });
  afterEach(async () => {
    await inThread.close();
    await inWorker.close();
  });

  it('writes byte for byte what the main-thread transform writes, with the same reports and resume points', async () => {
    const before = threads();
    const main = await observed(migrateV1ToV2, inThread, OPTIONS);
    const worker = await observed(built.migrateV1ToV2, inWorker, OPTIONS);
    expect(timeless(worker.report)).toEqual(timeless(main.report));
    expect(worker.report.totals).toEqual(main.report.totals);
    expect(await stored(inWorker)).toEqual(await stored(inThread));
    const second = { workflowSessions: workflowV2Sessions, batchSize: 2, now: NOW, transformWorker: true };
    await migrateV1ToV2(inThread.dialect(), second);
    await built.migrateV1ToV2(inWorker.dialect(), second);
    expect(await stored(inWorker)).toEqual(await stored(inThread));
    if (before !== null) {
      // The worker ran beside the writes, and was stopped when its table was done.
      expect(worker.most).toBeGreaterThan(main.most);
      expect(threads()).toBeLessThanOrEqual(main.most);
    }
  });

  it('a write error stops the run as on the main thread, stops the worker, and a re-run converges', async () => {
    const refuse = (db: TestDatabase) =>
      db.exec(
        `CREATE TRIGGER refuse_insert BEFORE INSERT ON agno_sessions WHEN NEW.session_id = 'z-emoji' BEGIN SELECT RAISE(ABORT, 'refused by trigger'); END`,
      );
    await refuse(inThread);
    await refuse(inWorker);
    const failed = async (migrate: Migrate, db: TestDatabase) => {
      const error = (await migrate(db.dialect(), OPTIONS).catch((e: unknown) => e)) as { message: string; report: V1MigrationReport };
      return { message: error.message, tables: timeless(error.report), status: error.report.status };
    };
    const main = await failed(migrateV1ToV2, inThread);
    const worker = await failed(built.migrateV1ToV2, inWorker);
    expect(main.status).toBe('failed');
    expect(main.message).toContain('session_id="z-emoji"');
    expect(worker).toEqual(main);
    expect(await stored(inWorker)).toEqual(await stored(inThread));
    const afterFailure = threads();
    for (const db of [inThread, inWorker]) await db.exec('DROP TRIGGER refuse_insert');
    await migrateV1ToV2(inThread.dialect(), OPTIONS);
    await built.migrateV1ToV2(inWorker.dialect(), OPTIONS);
    expect(await stored(inWorker)).toEqual(await stored(inThread));
    if (afterFailure !== null) expect(threads()).toBeLessThanOrEqual(afterFailure);
  });
});
