import { mysqlTarget, targetEnv } from '@agno-migrate/test-infra';
import { mysqlDialect } from '../../src/index.js';

/** In-process tests use the source; child processes (killed and racing runs) the built package. */
export const target = mysqlTarget({
  dialect: (options) => mysqlDialect(options),
  child: { module: new URL('../../dist/index.js', import.meta.url).href, factory: 'mysqlDialect' },
});

/** Skips loudly when MySQL is missing; with AGNO_TEST_REQUIRE=mysql its absence fails instead. */
const env = await targetEnv(target, 'MySQL');

/** For describe.skipIf: only when the server is missing and nobody required it. */
export const skipMysql = env.skip;

/** Fails the suite at once when MySQL is required but missing, instead of letting each test time out. */
export const requireMysql = env.requireServer;

/** A fresh database per test, dropped afterwards. */
export const freshDatabases = env.freshDatabases;
