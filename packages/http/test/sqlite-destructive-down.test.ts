import { MigrationManager } from '@agno-migrate/core';
import { sqliteDialect } from '@agno-migrate/dialect-sqlite';
import { AGNO_29_NAMES, createAgno29Database, sqliteTarget } from '@agno-migrate/test-infra';
import type { TestDatabase } from '@agno-migrate/test-infra';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMigrationHandler } from '../src/index.js';
import type { Loopback } from './serve-on-loopback.js';
import { serveOnLoopback } from './serve-on-loopback.js';

let db: TestDatabase;
let server: Loopback;

beforeEach(async () => {
  db = await sqliteTarget((path) => sqliteDialect({ path })).create();
  await createAgno29Database(db);
  const manager = new MigrationManager(db.dialect());
  // The sessions table decides the direction, as in AgentOS: it stands at or below 2.5.6 here.
  await manager.create({ tableType: 'sessions' });
  await manager.up();
  await manager.close();
  await db.exec(`UPDATE ${db.qualify(AGNO_29_NAMES.evals)} SET user_id = ? WHERE run_id = ?`, ['u-1', 'ev-1']);
  server = await serveOnLoopback(
    createMigrationHandler({ databases: { db: { open: () => new MigrationManager(db.dialect()) } }, securityKey: '' }),
  );
});
afterEach(async () => {
  await server.close();
  await db.close();
});

const version = async (table: string) =>
  String((await db.rows('SELECT version FROM agno_schema_versions WHERE table_name = ?', [table]))[0]?.['version']);

describe('HTTP: a revert that would drop owners', () => {
  it('answers like a blocked step, naming the column and the rows, and changes nothing there', async () => {
    const response = await server.post('/databases/db/migrate?target_version=2.5.6');
    expect(response.status).toBe(500);
    expect(response.body.detail).toMatch(/table agno_eval_runs \(evals\) is blocked: 1 row\(s\) of agno_eval_runs hold data in user_id/);
    expect(response.body.blocked.agno_eval_runs).toMatchObject({ check: 'no-data', column: 'user_id', count: 1 });
    expect(await version(AGNO_29_NAMES.evals)).toBe('3.0.0');
    expect(await version(AGNO_29_NAMES.knowledge)).toBe('2.5.6');
  });

  it('goes through with force=true', async () => {
    const response = await server.post('/databases/db/migrate?target_version=2.5.6&force=true');
    expect(response.status).toBe(200);
    expect(await version(AGNO_29_NAMES.evals)).toBe('2.5.6');
    const columns = await db.rows(`SELECT name FROM pragma_table_info('${AGNO_29_NAMES.evals}')`);
    expect(columns.map((c) => c['name'])).not.toContain('user_id');
  });
});
