import { DatabaseError, MigrationManager, runAsync } from '@agno-migrate/core';
import { DEFAULT_MYSQL_TEST_URL } from '@agno-migrate/test-infra';
import mysql from 'mysql2/promise';
import { describe, expect, it } from 'vitest';
import { freshDatabases, mariadbBacked, requireMariadb, skipMariadb, urlOf } from './support/mariadb-env.js';

const server = new URL(process.env['AGNO_TEST_MYSQL_URL'] ?? DEFAULT_MYSQL_TEST_URL);

/** The SingleStore dialect's connection and introspection, against MariaDB (same protocol, same driver). */
describe.skipIf(skipMariadb)('SingleStore dialect: connecting and reading tables, on MariaDB', () => {
  requireMariadb();
  const fresh = freshDatabases();

  it('uses the database named in the URL when no schema is given', async () => {
    const db = await fresh();
    const url = urlOf(db).replace(/^mysql:/, 'singlestore:');
    const dialect = mariadbBacked({ url });
    expect(dialect.namespace).toBe(db.namespace);
    expect(dialect.displayTarget).toBe(`singlestore://${server.username}@${server.hostname}:${server.port || 3306}/${db.namespace}`);
    const manager = new MigrationManager(dialect);
    try {
      await db.exec(
        `CREATE TABLE ${db.qualify('agno_memories')} (memory_id VARCHAR(128) NOT NULL PRIMARY KEY, memory JSON NOT NULL, updated_at BIGINT)`,
      );
      const status = await manager.status({ tableType: 'memories' });
      expect(status.tables[0]).toMatchObject({ exists: true, current: '2.0.0', pending: ['2.3.0', '2.5.0', '2.5.6', '3.0.0'] });
    } finally {
      await manager.close();
    }
  });

  it('reports a server that is not there as one connection error naming SingleStore', async () => {
    const manager = new MigrationManager(mariadbBacked({ url: 'singlestore://root@127.0.0.1:1/app', connectTimeoutMs: 3000 }));
    try {
      const error = await manager.status().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DatabaseError);
      expect((error as DatabaseError).code).toBe('database.connection');
      expect((error as Error).message).toBe(
        'cannot reach SingleStore at 127.0.0.1:1 (ECONNREFUSED): is SingleStore running at 127.0.0.1:1, and reachable from here?',
      );
    } finally {
      await manager.close();
    }
  });

  it('takes the database of a caller-owned pool, and gives its connection back', async () => {
    const db = await fresh();
    const pool = mysql.createPool({
      host: server.hostname,
      port: server.port === '' ? 3306 : Number(server.port),
      user: decodeURIComponent(server.username),
      password: decodeURIComponent(server.password),
      database: db.namespace!,
      connectionLimit: 2,
    });
    try {
      const dialect = mariadbBacked({ client: pool });
      expect(dialect.namespace).toBe(db.namespace);
      expect(dialect.displayTarget).toBe(`singlestore:(client)/${db.namespace}`);
      const manager = new MigrationManager(dialect);
      expect((await manager.status()).tables.every((t) => !t.exists)).toBe(true);
      await manager.close();
      const [rows] = await pool.query('SELECT DATABASE() AS db');
      expect(rows).toEqual([{ db: db.namespace }]);
    } finally {
      await pool.end();
    }
  });

  it('reads columns, keys and indexes; SingleStore-only facts are null where the server has none', async () => {
    const db = await fresh();
    await db.exec(
      `CREATE TABLE ${db.qualify('probe')} (id VARCHAR(64) NOT NULL, doc JSON, flag BOOL NOT NULL, body TEXT, day DATE, ` +
        'PRIMARY KEY (id), UNIQUE KEY probe_uq (id, day), KEY ix_body (body(100)))',
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
          { name: 'day', dataType: 'date', length: null, nullable: true, defaultValue: null },
        ],
        indexes: [
          { name: 'ix_body', columns: ['body'], unique: false, valid: true },
          { name: 'probe_uq', columns: ['id', 'day'], unique: true, valid: true },
        ],
        primaryKey: { name: 'PRIMARY', columns: ['id'] },
        uniqueConstraints: [{ name: 'probe_uq', columns: ['id', 'day'] }],
        shardKey: null,
        sortKey: null,
        storage: null,
      });
      expect(await runAsync(dialect.introspector.introspect('missing'), connection)).toBeNull();
    } finally {
      await connection.close();
    }
  });
});
