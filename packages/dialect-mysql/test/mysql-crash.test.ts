import { reachedVersion } from '@agno-migrate/test-infra';
import { MigrationManager } from '@agno-migrate/core';
import { describe, expect, it } from 'vitest';
import { allRows, createOldTables, definition, insertOldRows } from './support/agno-data.js';
import { freshDatabases, requireMysql, skipMysql } from './support/mysql-env.js';
import { expectedShape, liveShape, versionRows } from './support/shape.js';

const NOW = new Date('2026-03-01T00:00:00Z');

/**
 * MySQL commits every DDL statement on its own, so a run killed inside the 2.3.0 memories step
 * leaves the first k statements applied and no stamp. A re-run must converge on the same shape.
 */
describe.skipIf(skipMysql)('MySQL: a run killed inside the 2.3.0 memories step', () => {
  requireMysql();
  const fresh = freshDatabases();

  it('converges after ADD COLUMN created_at ran by hand', async () => {
    const db = await fresh();
    await createOldTables(db, ['memories']);
    await insertOldRows(db, ['memories']);
    await db.exec(`ALTER TABLE ${db.qualify('agno_memories')} ADD COLUMN created_at BIGINT`);
    const manager = new MigrationManager(db.dialect(), { now: () => NOW });
    try {
      const result = await manager.up({ tableType: 'memories' });
      const first = result.tables[0]!.steps[0]!.operations[0]!;
      expect(first).toMatchObject({ description: 'add column created_at', needed: false });
      expect(await liveShape(db, 'agno_memories')).toEqual(expectedShape(definition('memories'), 'agno_memories'));
      expect((await allRows(db, 'memories')).map((r) => r['created_at'])).toEqual([1700000500, NOW.getTime() / 1000]);
      expect(await versionRows(db)).toEqual({ agno_memories: reachedVersion('memories') });
    } finally {
      await manager.close();
    }
  });

  // The step sends three statements: ADD COLUMN created_at, the backfill, then one ALTER that sets
  // created_at NOT NULL, adds its index and adds feedback. A kill lands before or after each.
  it.each([1, 2])('converges after the first %i statement(s) of the step ran', async (k) => {
    const db = await fresh();
    await createOldTables(db, ['memories']);
    await insertOldRows(db, ['memories']);
    const manager = new MigrationManager(db.dialect(), { now: () => NOW });
    try {
      const plan = await manager.plan({ tableType: 'memories', targetVersion: '2.3.0' });
      const statements = plan.tables[0]!.steps[0]!.operations.flatMap((o) => o.statements);
      expect(statements.map((s) => s.sql.split(' ')[0])).toEqual(['ALTER', 'UPDATE', 'ALTER']);
      for (const statement of statements.slice(0, k)) await db.exec(statement.sql, statement.params);

      expect((await manager.up({ tableType: 'memories' })).status).toBe('ok');
      expect(await liveShape(db, 'agno_memories')).toEqual(expectedShape(definition('memories'), 'agno_memories'));
      expect((await allRows(db, 'memories')).map((r) => r['created_at'])).toEqual([1700000500, NOW.getTime() / 1000]);
    } finally {
      await manager.close();
    }
  });
});
