import { MigrationManager, MigrationStepError } from '@agno-migrate/core';
import { createAgno22Database, DEFAULT_NAMES } from '@agno-migrate/test-infra';
import type { TestDatabase } from '@agno-migrate/test-infra';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { target } from './target.js';

let db: TestDatabase;
beforeEach(async () => {
  db = await target.create();
});
afterEach(() => db.close());

it('a failed step reports the version the table reached, as the versions table records it', async () => {
  await createAgno22Database(db, DEFAULT_NAMES);
  const manager = new MigrationManager(db.dialect());
  try {
    await manager.up();
    // SQLite refuses to drop a column a view uses: the 2.3.0 revert fails after the steps above it were reverted.
    await db.exec('CREATE VIEW memory_times AS SELECT created_at FROM agno_memories');
    const error = await manager.down({ targetVersion: '2.0.0', tableType: 'memories' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationStepError);
    const table = (error as MigrationStepError).result?.tables[0];
    expect(table).toMatchObject({ outcome: 'failed', from: manager.graph.latest, to: '2.3.0' });
    expect(table?.error?.message).toMatch(/memory_times/);
  } finally {
    await manager.close();
  }
  const [row] = await db.rows("SELECT version FROM agno_schema_versions WHERE table_name = 'agno_memories'");
  expect(row?.['version']).toBe('2.3.0');
  const columns = await db.rows("SELECT name FROM pragma_table_info('agno_memories')");
  expect(columns.map((c) => c['name'])).toContain('created_at');
});
