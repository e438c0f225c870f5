import { reachedVersion } from '@agno-migrate/test-infra';
import { DatabaseError, MigrationManager } from '@agno-migrate/core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from '@agno-migrate/test-infra';
import { postgresDialect } from '../src/index.js';
import { assertPostgresAvailable, createAgno22, postgresTestUrl, skipPostgres, target, versions } from './support/postgres.js';

const url = postgresTestUrl();

function withDatabase(base: string, database: string): string {
  const u = new URL(base);
  u.pathname = `/${database}`;
  return u.toString();
}

async function failure(work: Promise<unknown>): Promise<DatabaseError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DatabaseError);
  return error as DatabaseError;
}

describe.skipIf(skipPostgres)('PostgreSQL: connecting', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    assertPostgresAvailable();
    db = await target.create();
    await createAgno22(db, ['memories']);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('an unknown database is reported as such', async () => {
    const m = new MigrationManager(postgresDialect({ url: withDatabase(url, 'agno_no_such_db'), schema: 'ai' }));
    const error = await failure(m.status());
    expect(error.code).toBe('database.unknown-database');
    expect(error.message).toContain('database "agno_no_such_db" does not exist');
    await m.close();
  });

  it('nothing listening → connection error asking whether PostgreSQL runs there', async () => {
    const m = new MigrationManager(postgresDialect({ url: 'postgres://agno:hunter22secret@127.0.0.1:1/test', connectTimeoutMs: 2000 }));
    const error = await failure(m.status());
    expect(error.code).toBe('database.connection');
    expect(error.message).toContain('is PostgreSQL running at 127.0.0.1:1?');
    expect(error.message).not.toContain('hunter22secret');
    await m.close();
  });

  it("works on a client checked out of the caller's pool, and gives it back as found", async () => {
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    try {
      const m = new MigrationManager(postgresDialect({ pool, schema: db.namespace! }));
      expect((await m.up()).status).toBe('ok');
      await m.close();
      expect(pool.totalCount).toBe(1);
      expect(pool.idleCount).toBe(1);
      const { rows } = await pool.query("SELECT current_setting('application_name') AS a");
      expect(rows[0].a).not.toBe('agno-migrate');
    } finally {
      await pool.end();
    }
    expect(await versions(db)).toEqual({ agno_memories: reachedVersion('memories') });
  });

  it("works on the caller's connected client and leaves it open", async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const m = new MigrationManager(postgresDialect({ client, schema: db.namespace! }));
      const status = await m.status();
      expect(status.tables.find((t) => t.tableName === 'agno_memories')).toMatchObject({
        exists: true,
        current: reachedVersion('memories'),
      });
      await m.close();
      expect((await client.query('SELECT 1 AS ok')).rows).toEqual([{ ok: 1 }]);
    } finally {
      await client.end();
    }
  });

  it('status() on a schema that does not exist reads as empty, creating nothing', async () => {
    const m = new MigrationManager(postgresDialect({ url, schema: `${db.namespace}_absent` }));
    try {
      const status = await m.status();
      expect(status.versionsTable.exists).toBe(false);
      expect(status.tables.every((t) => !t.exists)).toBe(true);
    } finally {
      await m.close();
    }
    expect(await db.rows('SELECT count(*)::int AS n FROM pg_namespace WHERE nspname = ?', [`${db.namespace}_absent`])).toEqual([{ n: 0 }]);
  });
});
