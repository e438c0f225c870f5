import { reachedVersion } from '@agno-migrate/test-infra';
import { MigrationManager } from '@agno-migrate/core';
import { describe, expect, it } from 'vitest';
import { freshDatabases, requireMysql, skipMysql } from './support/mysql-env.js';
import { liveShape, versionRows } from './support/shape.js';

describe.skipIf(skipMysql)('MySQL: 2.5.6 approvals.run_status', () => {
  requireMysql();
  const fresh = freshDatabases();

  it('adds run_status TEXT with a 255-prefix ix_ index to a hand-made approvals table, and reverts it', async () => {
    const db = await fresh();
    await db.exec(
      `CREATE TABLE ${db.qualify('agno_approvals')} (id VARCHAR(128) NOT NULL, run_id VARCHAR(128) NOT NULL, ` +
        'status VARCHAR(50) NOT NULL, created_at BIGINT NOT NULL, PRIMARY KEY (id))',
    );
    await db.exec(`INSERT INTO ${db.qualify('agno_approvals')} VALUES ('a-1', 'r-1', 'pending', 1700000000)`);
    const manager = new MigrationManager(db.dialect());
    try {
      const result = await manager.up({ tableType: 'approvals' });
      expect(result.tables.map((t) => [t.tableName, t.outcome, t.to])).toEqual([
        ['agno_approvals', 'migrated', reachedVersion('approvals')],
      ]);
      expect(await liveShape(db, 'agno_approvals')).toEqual({
        columns: {
          id: 'varchar(128) NOT NULL',
          run_id: 'varchar(128) NOT NULL',
          status: 'varchar(50) NOT NULL',
          created_at: 'bigint NOT NULL',
          run_status: 'text',
        },
        indexes: { PRIMARY: 'UNIQUE (id)', ix_agno_approvals_run_status: '(run_status(255))' },
      });
      expect(await versionRows(db)).toEqual({ agno_approvals: reachedVersion('approvals') });
      expect(await db.rows(`SELECT id, run_status FROM ${db.qualify('agno_approvals')}`)).toEqual([{ id: 'a-1', run_status: null }]);

      await manager.down({ targetVersion: '2.5.0', tableType: 'approvals' });
      expect(Object.keys((await liveShape(db, 'agno_approvals')).columns)).not.toContain('run_status');
      expect((await liveShape(db, 'agno_approvals')).indexes).toEqual({ PRIMARY: 'UNIQUE (id)' });
      expect(await versionRows(db)).toEqual({ agno_approvals: '2.5.0' });
    } finally {
      await manager.close();
    }
  });
});
