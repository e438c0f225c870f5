import { gate, mysqlTarget } from '@agno-migrate/test-infra';
import type { TestDatabase } from '@agno-migrate/test-infra';
import { afterEach, beforeAll } from 'vitest';
import { mysqlDialect } from '../../src/index.js';

export const target = mysqlTarget({ dialect: (options) => mysqlDialect(options) });

/** Skips loudly when MySQL is missing; with AGNO_TEST_REQUIRE=mysql its absence fails instead. */
const availability = await gate(target);

/** For describe.skipIf: only when the server is missing and nobody required it. */
export const skipMysql = availability.skip;

/** Fails the suite at once when MySQL is required but missing, instead of letting each test time out. */
export function requireMysql(): void {
  beforeAll(() => {
    if (availability.reason !== null) {
      throw new Error(`MySQL is required (AGNO_TEST_REQUIRE=mysql) but unavailable: ${availability.reason}`);
    }
  });
}

/** A fresh database per test, dropped afterwards. */
export function freshDatabases(): () => Promise<TestDatabase> {
  const open: TestDatabase[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((db) => db.close()));
  });
  return async () => {
    const db = await target.create();
    open.push(db);
    return db;
  };
}
