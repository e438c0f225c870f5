import { MigrationManager } from '@agno-migrate/core';
import { createAgno22Database, DEFAULT_NAMES } from '@agno-migrate/test-infra';
import { target } from './target.js';
import type { TestDatabase } from '@agno-migrate/test-infra';
import { afterEach, beforeEach, expect, it } from 'vitest';

let db: TestDatabase;
beforeEach(async () => {
  db = await target.create();
});
afterEach(() => db.close());

it('runs the whole manager synchronously from the same implementation', async () => {
  await createAgno22Database(db, DEFAULT_NAMES);
  const manager = new MigrationManager(db.dialect());
  try {
    expect(manager.statusSync().tables[0]?.pending).toEqual(['2.3.0', '2.5.0', '2.5.6', '3.0.0']);
    expect(manager.planSync().tables[0]?.outcome).toBe('migrated');
    expect(manager.upSync().status).toBe('ok');
    expect(manager.downSync({ targetVersion: '2.3.0' }).tables.find((t) => t.tableType === 'sessions')?.to).toBe('2.3.0');
    expect(manager.createSync({ tableType: 'approvals' }).tables[0]?.outcome).toBe('created');
  } finally {
    manager.closeSync();
  }
  const rows = await db.rows('SELECT table_name, version FROM agno_schema_versions ORDER BY table_name');
  expect(rows.find((r) => r['table_name'] === 'agno_approvals')?.['version']).toBe(manager.graph.latest);
});

it('a second process waits for the run lock and times out with exit code 4', async () => {
  await db.exec('BEGIN IMMEDIATE');
  const manager = new MigrationManager(db.dialect(), { lockTimeoutMs: 200 });
  try {
    await expect(manager.up()).rejects.toMatchObject({ name: 'LockTimeoutError', exitCode: 4 });
  } finally {
    await manager.close();
    await db.exec('COMMIT');
  }
});
