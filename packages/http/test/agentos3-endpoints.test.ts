import { MigrationManager, userEntityId } from '@agno-migrate/core';
import { sqliteDialect } from '@agno-migrate/dialect-sqlite';
import { ALICE, createAgno22Database, createLearningsTable, DEFAULT_NAMES, insertLearnings, sqliteTarget } from '@agno-migrate/test-infra';
import type { TestDatabase } from '@agno-migrate/test-infra';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMigrationHandler } from '../src/index.js';
import type { DatabaseEntry } from '../src/index.js';
import type { Loopback } from './serve-on-loopback.js';
import { serveOnLoopback } from './serve-on-loopback.js';

let db: TestDatabase;
let server: Loopback | undefined;

beforeEach(async () => {
  db = await sqliteTarget((path) => sqliteDialect({ path })).create();
  await createAgno22Database(db, DEFAULT_NAMES);
  await createLearningsTable(db);
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  await db.close();
});

const local = (): DatabaseEntry => ({ open: () => new MigrationManager(db.dialect()) });
const broken = (): DatabaseEntry => ({
  open: () => new MigrationManager(sqliteDialect({ path: `${db.cliArgs()[1]!.slice('sqlite:'.length)}.missing`, mustExist: true })),
});

async function start(databases: Record<string, DatabaseEntry>): Promise<Loopback> {
  server = await serveOnLoopback(createMigrationHandler({ databases, securityKey: '', jwt: false }));
  return server;
}

describe('AgentOS 3.x migration answers', () => {
  it('all: remote databases are skipped and named under "skipped", counts are of local ones', async () => {
    const http = await start({ main: local(), far: { remote: true } });
    const ok = await http.post('/databases/all/migrate');
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ message: 'All databases migrated successfully to latest version', skipped: ['far'] });
    expect(Object.keys(ok.body.databases)).toEqual(['main']);

    await server!.close();
    const partial = await start({ main: local(), bad: broken(), far: { remote: true } });
    const mixed = await partial.post('/databases/all/migrate');
    expect(mixed.status).toBe(207);
    expect(mixed.body).toMatchObject({ message: 'Migrated 1/2 databases to latest version', skipped: ['far'] });
    expect(Object.keys(mixed.body.failed)).toEqual(['bad']);
  });

  it('no "skipped" key when every database is local', async () => {
    const http = await start({ main: local() });
    expect((await http.post('/databases/all/migrate')).body).not.toHaveProperty('skipped');
  });

  it('one remote database: 400 with AgentOS 3.x detail, and nothing pending here', async () => {
    const http = await start({ main: local(), far: { remote: true } });
    const remote = { status: 400, body: { detail: "Database 'far' is remote; run the migration on the AgentOS that owns it instead." } };
    expect(await http.post('/databases/far/migrate')).toEqual(remote);
    expect(await http.get('/databases/far/migrations')).toEqual(remote);
    expect((await http.get('/databases/far/migrations/pending')).body).toEqual({ db_id: 'far', remote: true, pending: [] });
  });

  it('a migration error answers 500 with error_id and error_type beside the detail', async () => {
    const http = await start({ bad: broken() });
    const failed = await http.post('/databases/bad/migrate');
    expect(failed.status).toBe(500);
    expect(failed.body.detail).toMatch(/^Failed to migrate database: cannot open SQLite database/);
    expect(failed.body).toMatchObject({ error_id: 'configuration_error', error_type: 'configuration_error' });
  });

  it('a re-key run over HTTP moves the rows and says it ran late', async () => {
    await insertLearnings(db);
    const http = await start({ main: local() });
    const pending = await http.get('/databases/main/migrations/pending');
    expect(pending.body.pending).toContainEqual({
      table_type: 'learnings',
      table_name: 'agno_learnings',
      current_version: '2.0.0',
      target_version: '3.0.0',
    });
    expect(pending.body.notices).toContainEqual({
      table_type: 'learnings',
      table_name: 'agno_learnings',
      notice: expect.stringMatching(/^7 entity memories .* pre-3\.0 keys/),
    });

    const migrated = await http.post('/databases/main/migrate');
    expect(migrated.status).toBe(200);
    expect(migrated.body.warnings).toEqual([
      expect.stringMatching(/^the learnings re-key ran late: agno_learnings moved 3 entity memories off pre-3\.0 keys/),
    ]);
    expect(
      await db.rows('SELECT learning_id FROM agno_learnings WHERE learning_id = ?', [userEntityId('acme', 'company', ALICE)]),
    ).toHaveLength(1);

    const again = await http.post('/databases/main/migrate');
    expect(again.body).not.toHaveProperty('warnings');
    const all = await http.post('/databases/all/migrate');
    expect(all.body).not.toHaveProperty('warnings');
  });

  it('pending names tables held at 2.5.6 and tables stamped by a newer Agno', async () => {
    const http = await start({ main: local() });
    await http.post('/databases/main/migrate');
    await db.exec("UPDATE agno_schema_versions SET version = '3.9.0' WHERE table_name = 'agno_memories'");
    const report = (await http.get('/databases/main/migrations/pending')).body;
    expect(report.newer).toEqual([{ table_type: 'memories', table_name: 'agno_memories', current_version: '3.9.0' }]);
    expect(report.held).toContainEqual({
      table_type: 'culture',
      table_name: 'agno_culture',
      current_version: '2.5.6',
      reason: expect.stringMatching(/removed culture/),
    });
    expect(report.pending).toEqual([]);
  });
});
