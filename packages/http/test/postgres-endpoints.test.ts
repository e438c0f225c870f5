import { MigrationManager } from '@agno-migrate/core';
import { postgresDialect } from '@agno-migrate/dialect-postgres';
import { sqliteDialect } from '@agno-migrate/dialect-sqlite';
import {
  createAgno22Database,
  DEFAULT_NAMES,
  gate,
  postgresTarget,
  sqliteTarget,
  AGNO_GRAPH,
  reachedVersion,
} from '@agno-migrate/test-infra';
import type { TestDatabase } from '@agno-migrate/test-infra';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMigrationHandler } from '../src/index.js';
import type { DatabaseEntry } from '../src/index.js';
import type { Loopback } from './serve-on-loopback.js';
import { serveOnLoopback } from './serve-on-loopback.js';

const target = postgresTarget((options) => postgresDialect(options));
const { skip } = await gate(target);

describe.skipIf(skip)('AgentOS migration endpoints over HTTP with PostgreSQL and SQLite in one configuration', () => {
  let pgDb: TestDatabase;
  let liteDb: TestDatabase;
  const servers: Loopback[] = [];

  beforeEach(async () => {
    pgDb = await target.create();
    liteDb = await sqliteTarget((path) => sqliteDialect({ path })).create();
    await createAgno22Database(pgDb, DEFAULT_NAMES);
    await createAgno22Database(liteDb, DEFAULT_NAMES);
  });
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.close();
    await pgDb.close();
    await liteDb.close();
  });

  const databases = (): Record<string, DatabaseEntry> => ({
    pg: { open: () => new MigrationManager(pgDb.dialect()) },
    lite: { open: () => new MigrationManager(liteDb.dialect()) },
  });

  async function start(): Promise<Loopback> {
    const server = await serveOnLoopback(createMigrationHandler({ databases: databases(), securityKey: '' }));
    servers.push(server);
    return server;
  }

  const pgStamp = async (table: string) =>
    (await pgDb.rows(`SELECT version FROM ${pgDb.qualify('agno_schema_versions')} WHERE table_name = ?`, [table]))[0]?.['version'];

  it('migrates the PostgreSQL database alone, then both with all', async () => {
    const http = await start();
    const one = await http.post('/databases/pg/migrate');
    expect(one).toMatchObject({ status: 200, body: { message: 'Database migrated successfully to latest version' } });
    expect(await pgStamp('agno_memories')).toBe(reachedVersion('memories'));
    const types = await pgDb.rows(
      'SELECT data_type FROM information_schema.columns WHERE table_schema = ? AND table_name = ? AND column_name = ?',
      [pgDb.namespace, 'agno_sessions', 'session_data'],
    );
    expect(types[0]?.['data_type']).toBe('jsonb');
    expect((await liteDb.rows("SELECT name FROM sqlite_master WHERE name = 'agno_schema_versions'")).length).toBe(0);

    const all = await http.post(`/databases/all/migrate?target_version=${AGNO_GRAPH.latest}`);
    expect(all).toMatchObject({ status: 200, body: { message: `All databases migrated successfully to version ${AGNO_GRAPH.latest}` } });
    expect(all.body.databases.pg.every((t: { outcome: string }) => t.outcome !== 'migrated')).toBe(true);
    expect(all.body.databases.lite).toContainEqual(expect.objectContaining({ tableName: 'agno_memories', outcome: 'migrated' }));
  });

  it('two servers migrating the same PostgreSQL database at once: one waits on the lock, both answer 200', async () => {
    const [first, second] = [await start(), await start()];
    const [a, b] = await Promise.all([first.post('/databases/pg/migrate'), second.post('/databases/pg/migrate')]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const memories = [a, b].map((r) => r.body.tables.find((t: { tableName: string }) => t.tableName === 'agno_memories').outcome).sort();
    expect(memories).toEqual(['migrated', 'up-to-date']);
    expect(await pgStamp('agno_memories')).toBe(reachedVersion('memories'));
  });

  it('one server, one shared manager, two requests at once: they take turns on its connection', async () => {
    const manager = new MigrationManager(pgDb.dialect());
    const server = await serveOnLoopback(createMigrationHandler({ databases: { pg: { manager } }, securityKey: '' }));
    servers.push(server);
    const [a, b] = await Promise.all([server.post('/databases/pg/migrate'), server.post('/databases/pg/migrate')]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const memories = [a, b].map((r) => r.body.tables.find((t: { tableName: string }) => t.tableName === 'agno_memories').outcome).sort();
    expect(memories).toEqual(['migrated', 'up-to-date']);
  });

  it('duplicate session ids: 500 for the database with the rows per table, 207 within all; nothing stamped for that table', async () => {
    await pgDb.exec(`ALTER TABLE ${pgDb.qualify('agno_sessions')} DROP CONSTRAINT ${pgDb.quoteIdent('agno_sessions_uq_session_id')}`);
    await pgDb.exec(`INSERT INTO ${pgDb.qualify('agno_sessions')} (session_id, session_type, created_at) VALUES (?, ?, ?)`, [
      's1',
      'agent',
      1,
    ]);
    const http = await start();
    const one = await http.post('/databases/pg/migrate');
    expect(one.status).toBe(500);
    expect(one.body.detail).toMatch(/^Failed to migrate database: table agno_sessions \(sessions\) is blocked/);
    expect(one.body.blocked.agno_sessions).toMatchObject({ check: 'unique', column: 'session_id', count: 1, examples: ['s1'] });
    expect(await pgStamp('agno_sessions')).toBe('2.3.0');
    expect(await pgStamp('agno_memories')).toBe(reachedVersion('memories'));

    const all = await http.post('/databases/all/migrate');
    expect(all.status).toBe(207);
    expect(all.body.message).toBe('Migrated 1/2 databases to latest version');
    expect(Object.keys(all.body.failed)).toEqual(['pg']);
    expect(all.body.blocked.pg.agno_sessions.count).toBe(1);
  });
});
