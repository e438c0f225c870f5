import { MigrationManager } from '@agno-migrate/core';
import { sqliteDialect } from '@agno-migrate/dialect-sqlite';
import { createAgno22Database, sqliteTarget, reachedVersion } from '@agno-migrate/test-infra';
import type { Agno22Names, TestDatabase } from '@agno-migrate/test-infra';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMigrationHandler } from '../src/index.js';
import type { DatabaseEntry, MigrationHandlerOptions } from '../src/index.js';
import type { Loopback } from './serve-on-loopback.js';
import { serveOnLoopback } from './serve-on-loopback.js';

// Three databases in one SQLite file, as AgentOS's own test sets them up: each with its own renamed
// tables, all sharing one renamed versions table.
const VERSIONS = 'os_versions';
const names = (n: number): Agno22Names => ({
  memories: `mem_${n}`,
  sessions: `sess_${n}`,
  metrics: `met_${n}`,
  evals: `ev_${n}`,
  knowledge: `kn_${n}`,
  culture: `cu_${n}`,
});
const IDS = { 'db-1': names(1), 'db-2': names(2), 'db-3': names(3) } as const;

let db: TestDatabase;
let server: Loopback | undefined;
let log: string[];

beforeEach(async () => {
  db = await sqliteTarget((path) => sqliteDialect({ path })).create();
  for (const tables of Object.values(IDS)) await createAgno22Database(db, tables);
  // db-3 never had its memory table created.
  await db.exec('DROP TABLE mem_3');
  log = [];
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  await db.close();
});

function entries(): Record<string, DatabaseEntry> {
  const result: Record<string, DatabaseEntry> = {};
  for (const [id, tables] of Object.entries(IDS)) {
    result[id] = { open: () => new MigrationManager(db.dialect(), { tables: { ...tables }, versionsTable: VERSIONS }) };
  }
  return result;
}

async function start(options: Partial<MigrationHandlerOptions> = {}): Promise<Loopback> {
  const logger = { info: (line: string) => log.push(line), warn: (line: string) => log.push(line) };
  server = await serveOnLoopback(createMigrationHandler({ databases: entries(), securityKey: '', logger, ...options }));
  return server;
}

async function stamps(): Promise<Record<string, string>> {
  const rows = await db.rows(`SELECT table_name, version FROM ${VERSIONS} ORDER BY table_name`).catch(() => []);
  return Object.fromEntries(rows.map((r) => [String(r['table_name']), String(r['version'])]));
}

async function columns(table: string): Promise<string[]> {
  return (await db.rows(`SELECT name FROM pragma_table_info('${table}')`)).map((r) => String(r['name']));
}

/** Everything a migration could change: every table's DDL and every versions row. */
async function snapshot(): Promise<unknown> {
  const ddl = await db.rows('SELECT type, name, sql FROM sqlite_master ORDER BY type, name');
  const versions = await db.rows(`SELECT * FROM ${VERSIONS} ORDER BY table_name`).catch(() => []);
  return { ddl, versions };
}

describe('AgentOS migration endpoints over HTTP (SQLite, three databases in one file)', () => {
  it('migrates one database: only its tables change, stamped latest', async () => {
    const http = await start();
    const response = await http.post('/databases/db-1/migrate');
    expect(response.status).toBe(200);
    expect(response.body.message).toBe('Database migrated successfully to latest version');
    expect(await columns('mem_1')).toEqual(expect.arrayContaining(['created_at', 'feedback']));
    expect(await columns('mem_2')).not.toContain('created_at');
    const stamped = await stamps();
    for (const [type, table] of Object.entries(IDS['db-1'])) expect(stamped[table]).toBe(reachedVersion(type));
    for (const table of [...Object.values(IDS['db-2']), ...Object.values(IDS['db-3'])]) expect(stamped[table]).toBeUndefined();
    expect(response.body.tables).toContainEqual(
      expect.objectContaining({ tableName: 'mem_1', from: '2.0.0', to: reachedVersion('memories'), outcome: 'migrated' }),
    );
  });

  it('answers an unknown id with 404 and AgentOS detail', async () => {
    const http = await start();
    const response = await http.post('/databases/nope/migrate');
    expect(response).toEqual({ status: 404, body: { detail: "No database found with id 'nope'" } });
  });

  it('?target_version=2.3.0 stamps 2.3.0; a lower target later goes down, as AgentOS decides from the sessions table', async () => {
    const http = await start();
    const up = await http.post('/databases/db-2/migrate?target_version=2.3.0');
    expect(up).toMatchObject({ status: 200, body: { message: 'Database migrated successfully to version 2.3.0' } });
    let stamped = await stamps();
    expect(stamped['mem_2']).toBe('2.3.0');
    expect(stamped['sess_2']).toBe('2.3.0');
    expect(await columns('mem_2')).toContain('created_at');

    const down = await http.post('/databases/db-2/migrate?target_version=2.0.0');
    expect(down.status).toBe(200);
    stamped = await stamps();
    expect(stamped['mem_2']).toBe('2.0.0');
    expect(await columns('mem_2')).not.toContain('created_at');
  });

  it("reads the target from a JSON body, as Agno's own client sends it", async () => {
    const http = await start();
    const response = await http.post('/databases/db-1/migrate', { body: { target_version: '2.5.0' } });
    expect(response).toMatchObject({ status: 200, body: { message: 'Database migrated successfully to version 2.5.0' } });
    expect((await stamps())['sess_1']).toBe('2.5.0');
    // The client's "no target" body means the latest.
    const latest = await http.post('/databases/db-1/migrate', { body: { target_version: null } });
    expect(latest.body.message).toBe('Database migrated successfully to latest version');
    expect((await stamps())['sess_1']).toBe(reachedVersion('sessions'));
    // A body that is not a JSON object may hold a target this server cannot read: refused, nothing run.
    const text = await http.post('/databases/db-2/migrate', { body: 'target_version=2.3.0' });
    expect(text.status).toBe(422);
    expect((await stamps())['sess_2']).toBeUndefined();
  });

  it('migrates all databases; the one without a memory table still answers 200 and that table is not stamped', async () => {
    const http = await start();
    const response = await http.post('/databases/all/migrate');
    expect(response.status).toBe(200);
    expect(response.body.message).toBe('All databases migrated successfully to latest version');
    const stamped = await stamps();
    for (const tables of Object.values(IDS)) {
      for (const [type, table] of Object.entries(tables)) expect(stamped[table]).toBe(table === 'mem_3' ? undefined : reachedVersion(type));
    }
    expect(response.body.databases['db-3']).toContainEqual(expect.objectContaining({ tableName: 'mem_3', outcome: 'absent' }));
  });

  it('a second run answers 200 and changes nothing', async () => {
    const http = await start();
    expect((await http.post('/databases/all/migrate')).status).toBe(200);
    const before = await snapshot();
    const again = await http.post('/databases/all/migrate');
    expect(again.status).toBe(200);
    expect(await snapshot()).toEqual(before);
    const one = await http.post('/databases/db-1/migrate');
    expect(one.status).toBe(200);
    expect(one.body.tables.every((t: { outcome: string }) => ['up-to-date', 'absent', 'held'].includes(t.outcome))).toBe(true);
    expect(await snapshot()).toEqual(before);
  });

  it('answers 422 for a malformed or unknown target version and changes nothing', async () => {
    const http = await start();
    const before = await snapshot();
    const bad = await http.post('/databases/db-1/migrate?target_version=two.three');
    expect(bad.status).toBe(422);
    expect(bad.body.detail[0]).toMatchObject({ loc: ['query', 'target_version'], input: 'two.three' });
    expect(bad.body.detail[0].msg).toContain('invalid version');
    expect((await http.post('/databases/all/migrate?target_version=9.0.0')).status).toBe(422);
    expect((await http.post('/databases/db-1/migrate', { body: { target_version: 2.3 } })).status).toBe(422);
    expect(await snapshot()).toEqual(before);
  });

  it('two requests for one database at once: the second waits, then finds nothing to do', async () => {
    const http = await start();
    const [a, b] = await Promise.all([http.post('/databases/db-1/migrate'), http.post('/databases/db-1/migrate')]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const outcomes = [a, b].map((r) => r.body.tables.find((t: { tableName: string }) => t.tableName === 'mem_1').outcome).sort();
    expect(outcomes).toEqual(['migrated', 'up-to-date']);
    expect((await stamps())['mem_1']).toBe(reachedVersion('memories'));
  });

  it('requests for different databases in one file at once all succeed', async () => {
    const http = await start();
    const responses = await Promise.all(['db-1', 'db-2', 'db-3'].map((id) => http.post(`/databases/${id}/migrate`)));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    expect((await stamps())['sess_3']).toBe(reachedVersion('sessions'));
  });

  it('reports every table of a database on GET /databases/{id}/migrations, and answers GET /health', async () => {
    const http = await start();
    const status = await http.get('/databases/db-3/migrations');
    expect(status.status).toBe(200);
    expect(status.body.versionsTable).toEqual({ name: VERSIONS, exists: false });
    expect(status.body.tables).toContainEqual(expect.objectContaining({ tableName: 'mem_3', exists: false, current: '2.0.0' }));
    expect(status.body.tables).toContainEqual(
      expect.objectContaining({
        tableName: 'sess_3',
        exists: true,
        pending: ['2.3.0', '2.5.0', '2.5.6', '3.0.0'].filter((v) => v <= reachedVersion('sessions')),
      }),
    );
    expect(await http.get('/health')).toEqual({ status: 200, body: { status: 'ok' } });
    expect((await http.get('/databases/nope/migrations')).status).toBe(404);
  });

  it('lists pending migrations as newer AgentOS releases do, read-only', async () => {
    const http = await start();
    const before = await snapshot();
    const one = await http.get('/databases/db-3/migrations/pending');
    expect(one.status).toBe(200);
    expect(one.body.db_id).toBe('db-3');
    expect(one.body.remote).toBe(false);
    expect(one.body.pending).toContainEqual({
      table_type: 'sessions',
      table_name: 'sess_3',
      current_version: '2.0.0',
      target_version: reachedVersion('sessions'),
    });
    expect(one.body.pending.map((p: { table_name: string }) => p.table_name)).not.toContain('mem_3');
    expect(await snapshot()).toEqual(before);
    expect((await http.post('/databases/db-1/migrate')).status).toBe(200);
    const all = await http.get('/databases/migrations/pending');
    expect(all.status).toBe(200);
    expect(all.body.databases.map((d: { db_id: string }) => d.db_id)).toEqual(['db-1', 'db-2', 'db-3']);
    expect(all.body.databases[0].pending).toEqual([]);
    expect(all.body.total_pending).toBe(all.body.databases[1].pending.length + all.body.databases[2].pending.length);
    expect(all.body.total_pending).toBeGreaterThan(0);
    expect(await http.get('/databases/nope/migrations/pending')).toEqual({
      status: 404,
      body: { detail: "No database found with id 'nope'" },
    });
  });

  it('answers 404 for other paths and 405 for the wrong method', async () => {
    const http = await start();
    expect(await http.get('/databases/db-1/migrate')).toEqual({ status: 405, body: { detail: 'Method Not Allowed' } });
    expect(await http.post('/nothing/here')).toEqual({ status: 404, body: { detail: 'Not Found' } });
    expect((await http.post('/databases/db-1/migrate', { body: 'x'.repeat(100_000) })).status).toBe(413);
    expect(await stamps()).toEqual({});
  });

  it('a database that fails answers 500 alone and 207 within all, with the reason per id', async () => {
    const databases = {
      ...entries(),
      broken: {
        open: () => new MigrationManager(sqliteDialect({ path: `${db.cliArgs()[1]!.slice('sqlite:'.length)}.missing`, mustExist: true })),
      },
    };
    const http = await start({ databases });
    const one = await http.post('/databases/broken/migrate');
    expect(one.status).toBe(500);
    expect(one.body.detail).toMatch(/^Failed to migrate database: cannot open SQLite database/);
    const all = await http.post('/databases/all/migrate');
    expect(all.status).toBe(207);
    expect(all.body.message).toBe('Migrated 3/4 databases to latest version');
    expect(Object.keys(all.body.failed)).toEqual(['broken']);
    expect(all.body.failed.broken).toMatch(/cannot open SQLite database/);
    expect((await stamps())['mem_2']).toBe(reachedVersion('memories'));
  });

  it('logs one line per request: method, path, status, duration', async () => {
    const http = await start();
    await http.post('/databases/db-1/migrate?target_version=2.3.0');
    await http.post('/databases/nope/migrate');
    expect(log).toHaveLength(2);
    expect(log[0]).toMatch(/^POST \/databases\/db-1\/migrate 200 \d+ms$/);
    expect(log[1]).toMatch(/^POST \/databases\/nope\/migrate 404 \d+ms$/);
  });
});

describe('OS_SECURITY_KEY', () => {
  const KEY = 'k3y-for-the-tests';

  it('requires the bearer key on the database routes, with AgentOS messages', async () => {
    const http = await start({ securityKey: KEY });
    expect(await http.post('/databases/db-1/migrate')).toEqual({ status: 401, body: { detail: 'Authorization header required' } });
    expect(await http.post('/databases/db-1/migrate', { headers: { authorization: `Basic ${KEY}` } })).toEqual({
      status: 401,
      body: { detail: 'Authorization header required' },
    });
    expect(await http.post('/databases/db-1/migrate', { token: 'wrong' })).toEqual({
      status: 401,
      body: { detail: 'Invalid authentication token' },
    });
    expect(await http.post('/databases/db-1/migrate', { token: `${KEY}x` })).toMatchObject({ status: 401 });
    // Authentication comes before the id lookup, as AgentOS's router dependency does.
    expect((await http.post('/databases/nope/migrate')).status).toBe(401);
    expect((await http.get('/databases/db-1/migrations')).status).toBe(401);
    expect(await stamps()).toEqual({});
    const ok = await http.post('/databases/db-1/migrate', { token: KEY });
    expect(ok.status).toBe(200);
    expect((await http.get('/databases/db-1/migrations', KEY)).status).toBe(200);
    expect((await http.get('/health')).status).toBe(200);
    expect(log.join('\n')).not.toContain(KEY);
  });

  it('takes the key from OS_SECURITY_KEY when none is given', async () => {
    const previous = process.env['OS_SECURITY_KEY'];
    process.env['OS_SECURITY_KEY'] = KEY;
    try {
      const http = await start({ securityKey: undefined });
      expect((await http.post('/databases/db-1/migrate')).status).toBe(401);
      expect((await http.post('/databases/db-1/migrate', { token: KEY })).status).toBe(200);
    } finally {
      if (previous === undefined) delete process.env['OS_SECURITY_KEY'];
      else process.env['OS_SECURITY_KEY'] = previous;
    }
  });
});
