import { reachedVersion, AGNO_GRAPH } from '@agno-migrate/test-infra';
import { runAsync } from '@agno-migrate/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from '@agno-migrate/test-infra';
import {
  assertPostgresAvailable,
  columnTypes,
  createAgno22,
  indexes,
  manager,
  skipPostgres,
  target,
  versions,
} from './support/postgres.js';

describe.skipIf(skipPostgres)('PostgreSQL: schemas are independent', () => {
  let a: TestDatabase;
  let b: TestDatabase;
  beforeAll(async () => {
    assertPostgresAvailable();
    [a, b] = await Promise.all([target.create(), target.create()]);
    for (const db of [a, b]) {
      await createAgno22(db, ['sessions', 'memories']);
      await db.exec(`INSERT INTO ${db.qualify('agno_memories')} (memory_id, memory, updated_at) VALUES (?, ?, 5)`, [
        db.namespace,
        { in: db.namespace },
      ]);
    }
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  it('migrating one schema leaves the other untouched', async () => {
    const m = manager(a);
    try {
      expect((await m.up()).status).toBe('ok');
    } finally {
      await m.close();
    }
    expect(await versions(a)).toEqual({
      agno_sessions: reachedVersion('sessions'),
      agno_memories: reachedVersion('memories'),
      agno_runs: AGNO_GRAPH.latest,
    });
    expect(await b.rows('SELECT to_regclass(?) AS t', [`${b.namespace}.agno_schema_versions`])).toEqual([{ t: null }]);
    expect((await columnTypes(b, 'agno_memories'))['memory']?.type).toBe('json');
    expect((await columnTypes(b, 'agno_memories'))['created_at']).toBeUndefined();
  });

  it('two schemas migrate at the same time without waiting for each other', async () => {
    const [ma, mb] = [manager(a, { lockTimeoutMs: 2000 }), manager(b, { lockTimeoutMs: 2000 })];
    try {
      const [ra, rb] = await Promise.all([ma.down({ targetVersion: '2.3.0' }), mb.up()]);
      expect(ra.status).toBe('ok');
      expect(rb.status).toBe('ok');
    } finally {
      await Promise.all([ma.close(), mb.close()]);
    }
    expect(await versions(a)).toEqual({ agno_sessions: '2.3.0', agno_memories: '2.3.0', agno_runs: AGNO_GRAPH.latest });
    expect(await versions(b)).toEqual({
      agno_sessions: reachedVersion('sessions'),
      agno_memories: reachedVersion('memories'),
      agno_runs: AGNO_GRAPH.latest,
    });
    const [row] = await b.rows(`SELECT memory, created_at FROM ${b.qualify('agno_memories')}`);
    expect(row).toEqual({ memory: { in: b.namespace }, created_at: '5' });
  });
});

describe.skipIf(skipPostgres)('PostgreSQL: an INVALID index counts as missing', () => {
  let db: TestDatabase;
  const index = 'idx_agno_memories_created_at';
  beforeAll(async () => {
    assertPostgresAvailable();
    db = await target.create();
    await createAgno22(db, ['memories']);
    await db.exec(`INSERT INTO ${db.qualify('agno_memories')} (memory_id, memory, updated_at) VALUES ('m1', '{}', 7), ('m2', '{}', 7)`);
    const m = manager(db);
    try {
      await m.up();
    } finally {
      await m.close();
    }
    // What a failed CREATE INDEX CONCURRENTLY leaves behind: the name taken by an INVALID index.
    await db.exec(`DROP INDEX ${db.qualify(index)}`);
    await expect(db.exec(`CREATE UNIQUE INDEX CONCURRENTLY ${index} ON ${db.qualify('agno_memories')} (created_at)`)).rejects.toThrow(
      /could not create unique index/,
    );
  });
  afterAll(async () => {
    await db?.close();
  });

  it('introspection reports it as not valid', async () => {
    expect(await indexes(db, 'agno_memories')).toContainEqual({ name: index, valid: false, unique: true });
    const dialect = db.dialect();
    const connection = await dialect.connector.connect();
    try {
      const state = await runAsync(dialect.introspector.introspect('agno_memories'), connection);
      expect(state?.indexes.find((i) => i.name === index)).toEqual({ name: index, columns: ['created_at'], unique: true, valid: false });
    } finally {
      await connection.close();
    }
  });

  it('a forced up() drops it and builds the real index', async () => {
    const m = manager(db);
    try {
      const result = await m.up({ force: true });
      expect(result.status).toBe('ok');
      const statements = result.tables[0]!.steps.flatMap((s) => s.operations.flatMap((o) => o.statements.map((st) => st.sql)));
      expect(statements).toEqual([
        `DROP INDEX ${db.qualify(index)}`,
        `CREATE INDEX "${index}" ON ${db.qualify('agno_memories')} ("created_at")`,
      ]);
    } finally {
      await m.close();
    }
    expect(await indexes(db, 'agno_memories')).toContainEqual({ name: index, valid: true, unique: false });
    expect(await versions(db)).toEqual({ agno_memories: reachedVersion('memories') });
  });
});
