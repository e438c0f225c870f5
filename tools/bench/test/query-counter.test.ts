import Database from 'better-sqlite3';
import { MigrationManager } from '@agno-migrate/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oursNoop } from '../src/noop/contenders.js';
import { createTableSets, tableSetNames } from '../src/noop/table-sets.js';
import type { BenchDatabase } from '../src/support/databases.js';
import { createBenchDatabase } from '../src/support/databases.js';
import { countQueries } from '../src/support/query-counter.js';

describe('the driver-level query counter', () => {
  it('counts each statement run through better-sqlite3, and nothing once stopped', () => {
    const db = new Database(':memory:');
    const counter = countQueries('sqlite');
    db.exec('CREATE TABLE t (x INTEGER)');
    db.prepare('INSERT INTO t VALUES (?)').run(1);
    db.prepare('SELECT x FROM t').all();
    expect(counter.count).toBe(3);
    counter.stop();
    db.prepare('SELECT x FROM t').get();
    expect(counter.count).toBe(3);
    db.close();
  });
});

describe('our no-op on SQLite', () => {
  let db: BenchDatabase;

  beforeAll(async () => {
    db = await createBenchDatabase('sqlite');
  });

  afterAll(async () => {
    await db.drop();
  });

  async function noopQueries(set: number): Promise<number> {
    const manager = new MigrationManager(db.dialect(), { tables: tableSetNames(set) });
    try {
      await oursNoop(manager);
      const counter = countQueries('sqlite');
      try {
        await oursNoop(manager);
        return counter.count;
      } finally {
        counter.stop();
      }
    } finally {
      await manager.close();
    }
  }

  it('sends the same few queries with 7 tables as with 10 renamed sets of them', async () => {
    const setup = new MigrationManager(db.dialect());
    await setup.create();
    await setup.close();
    const alone = await noopQueries(0);
    await createTableSets(db, 10);
    const crowded = [await noopQueries(0), await noopQueries(5), await noopQueries(9)];
    expect(alone).toBeGreaterThan(0);
    // The lock (PRAGMA, BEGIN IMMEDIATE, COMMIT), one read of every versions row, and one existence
    // query: a culture table with no versions row (retired by Agno 3.0) may still need its 2.x steps.
    expect(alone).toBeLessThanOrEqual(5);
    expect(crowded).toEqual([alone, alone, alone]);
  });
});
