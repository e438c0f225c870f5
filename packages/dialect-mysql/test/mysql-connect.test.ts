import { DatabaseError, MigrationManager, runAsync } from '@agno-migrate/core';
import mysql from 'mysql2/promise';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MYSQL_TEST_URL } from '@agno-migrate/test-infra';
import { mysqlDialect } from '../src/index.js';
import { freshDatabases, requireMysql, skipMysql } from './support/mysql-env.js';

const url = new URL(process.env['AGNO_TEST_MYSQL_URL'] ?? DEFAULT_MYSQL_TEST_URL);

function variant(change: (u: URL) => void): string {
  const copy = new URL(url.toString());
  change(copy);
  return copy.toString();
}

async function failure(dialectUrl: string): Promise<DatabaseError> {
  const manager = new MigrationManager(mysqlDialect({ url: dialectUrl, schema: 'ai', connectTimeoutMs: 3000 }));
  try {
    const error = await manager.status().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseError);
    return error as DatabaseError;
  } finally {
    await manager.close();
  }
}

describe.skipIf(skipMysql)('MySQL: connecting', () => {
  requireMysql();
  const fresh = freshDatabases();

  it('reports a wrong password as authentication, without the password', async () => {
    const error = await failure(variant((u) => (u.password = 'Wr0ng-Pa55word')));
    expect(error.code).toBe('database.authentication');
    expect(error.message).not.toContain('Wr0ng-Pa55word');
  });

  it('reports an unknown database', async () => {
    const error = await failure(variant((u) => (u.pathname = '/agno_no_such_database_here')));
    expect(error.code).toBe('database.unknown-database');
    expect(error.message).toContain('agno_no_such_database_here');
  });

  it('reports a server that is not there', async () => {
    const error = await failure(
      variant((u) => {
        u.hostname = '127.0.0.1';
        u.port = '1';
      }),
    );
    expect(error.code).toBe('database.connection');
    expect(error.message).toContain('is MySQL running at 127.0.0.1:1');
  });

  it('takes one connection from a caller-owned pool and gives it back', async () => {
    const db = await fresh();
    const pool = mysql.createPool({
      host: url.hostname,
      port: url.port === '' ? 3306 : Number(url.port),
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
      connectionLimit: 1,
    });
    try {
      const manager = new MigrationManager(mysqlDialect({ client: pool, schema: db.namespace! }));
      const status = await manager.status();
      expect(status.tables.every((t) => !t.exists)).toBe(true);
      await manager.close();
      // With a limit of one, this only works if the connection came back.
      const [rows] = await pool.query('SELECT 1 AS one');
      expect(rows).toEqual([{ one: 1 }]);
    } finally {
      await pool.end();
    }
  });

  it('introspects types, keys, indexes and foreign keys as core expects them', async () => {
    const db = await fresh();
    await db.exec(`CREATE TABLE ${db.qualify('parent')} (pid VARCHAR(64) NOT NULL PRIMARY KEY)`);
    await db.exec(
      `CREATE TABLE ${db.qualify('probe')} (id VARCHAR(64) NOT NULL, doc JSON, flag BOOL NOT NULL, body TEXT, ` +
        "n INTEGER DEFAULT 7, big BIGINT, day DATE, label VARCHAR(20) DEFAULT 'x', PRIMARY KEY (id), " +
        `UNIQUE KEY probe_uq (day, label), KEY ix_body (body(100)), ` +
        `CONSTRAINT probe_parent_fk FOREIGN KEY (id) REFERENCES ${db.qualify('parent')} (pid) ON DELETE CASCADE)`,
    );
    const dialect = db.dialect();
    const connection = await dialect.connector.connect();
    try {
      const state = await runAsync(dialect.introspector.introspect('probe'), connection);
      expect(state).toEqual({
        name: 'probe',
        columns: [
          { name: 'id', dataType: 'varchar', length: 64, nullable: false, defaultValue: null },
          { name: 'doc', dataType: 'json', length: null, nullable: true, defaultValue: null },
          { name: 'flag', dataType: 'boolean', length: null, nullable: false, defaultValue: null },
          { name: 'body', dataType: 'text', length: null, nullable: true, defaultValue: null },
          { name: 'n', dataType: 'integer', length: null, nullable: true, defaultValue: '7' },
          { name: 'big', dataType: 'bigint', length: null, nullable: true, defaultValue: null },
          { name: 'day', dataType: 'date', length: null, nullable: true, defaultValue: null },
          // MariaDB reports defaults as SQL text, MySQL as the bare value.
          { name: 'label', dataType: 'varchar', length: 20, nullable: true, defaultValue: expect.stringMatching(/^'?x'?$/) },
        ],
        indexes: [
          { name: 'ix_body', columns: ['body'], unique: false, valid: true },
          { name: 'probe_uq', columns: ['day', 'label'], unique: true, valid: true },
        ],
        primaryKey: { name: 'PRIMARY', columns: ['id'] },
        uniqueConstraints: [{ name: 'probe_uq', columns: ['day', 'label'] }],
        foreignKeys: [
          { name: 'probe_parent_fk', columns: ['id'], referencedTable: 'parent', referencedColumns: ['pid'], onDelete: 'CASCADE' },
        ],
      });
      expect(await runAsync(dialect.introspector.introspect('missing'), connection)).toBeNull();
      expect(await runAsync(dialect.introspector.existingTables(['probe', 'missing']), connection)).toEqual(new Set(['probe']));
    } finally {
      await connection.close();
    }
  });
});
