import { gate, mysqlTarget } from '@agno-migrate/test-infra';
import type { TestDatabase } from '@agno-migrate/test-infra';
import { afterEach, beforeAll } from 'vitest';
import { SinglestoreDialect } from '../../src/index.js';
import type { SinglestoreDialectOptions } from '../../src/index.js';

/**
 * The SingleStore dialect pointed at MariaDB, to run the paths SingleStore shares with MySQL
 * (connection, introspection, lease table, rebuild-and-swap) against a real server. The one
 * statement that is not MariaDB SQL, the lease table's `CREATE ROWSTORE TABLE`, is swapped here
 * and nowhere else; SHARD and SORT keys appear only when the server reports them, which MariaDB
 * never does.
 */
export class MariadbBackedSinglestoreDialect extends SinglestoreDialect {
  protected override lockTableKeyword(): string {
    return 'CREATE TABLE';
  }
}

export function mariadbBacked(options: SinglestoreDialectOptions): MariadbBackedSinglestoreDialect {
  return new MariadbBackedSinglestoreDialect(options);
}

export const target = mysqlTarget({ dialect: (options) => mariadbBacked(options) });

const availability = await gate(target);

/** For describe.skipIf: only when the server is missing and nobody required it. */
export const skipMariadb = availability.skip;

/** Fails at once when MySQL/MariaDB is required (AGNO_TEST_REQUIRE=mysql) but missing. */
export function requireMariadb(): void {
  beforeAll(() => {
    if (availability.reason !== null) throw new Error(`MariaDB is required (AGNO_TEST_REQUIRE=mysql) but unavailable: ${availability.reason}`);
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

/** The URL of a fresh database, for dialects built with options of a test's own. */
export function urlOf(db: TestDatabase): string {
  const args = db.cliArgs();
  return args[args.indexOf('--db') + 1]!;
}
