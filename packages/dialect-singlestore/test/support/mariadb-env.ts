import { mysqlTarget, targetEnv } from '@agno-migrate/test-infra';
import type { TestDatabase } from '@agno-migrate/test-infra';
import { SinglestoreDialect } from '../../src/index.js';
import type { SinglestoreDialectOptions } from '../../src/index.js';

/**
 * The SingleStore dialect pointed at MariaDB, to run the paths SingleStore shares with MySQL
 * (connection, introspection, lease table, rebuild-and-swap) against a real server. The one
 * statement that is not MariaDB SQL, the lease table's `CREATE ROWSTORE TABLE`, is swapped here
 * and nowhere else (`lock.rowstore: false`); SHARD and SORT keys appear only when the server
 * reports them, which MariaDB never does.
 */
export function mariadbBacked(options: SinglestoreDialectOptions): SinglestoreDialect {
  return new SinglestoreDialect({ ...options, lock: { ...options.lock, rowstore: false } });
}

export const target = mysqlTarget({ dialect: (options) => mariadbBacked(options) });

const env = await targetEnv(target, 'MariaDB');

/** For describe.skipIf: only when the server is missing and nobody required it. */
export const skipMariadb = env.skip;

/** Fails at once when MySQL/MariaDB is required (AGNO_TEST_REQUIRE=mysql) but missing. */
export const requireMariadb = env.requireServer;

/** A fresh database per test, dropped afterwards. */
export const freshDatabases = env.freshDatabases;

/** The URL of a fresh database, for dialects built with options of a test's own. */
export function urlOf(db: TestDatabase): string {
  const args = db.cliArgs();
  return args[args.indexOf('--db') + 1]!;
}
