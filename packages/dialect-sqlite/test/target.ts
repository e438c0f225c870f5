import { sqliteTarget } from '@agno-migrate/test-infra';
import { sqliteDialect } from '../src/index.js';

/** In-process tests use the source; child processes (killed and racing runs) the built package. */
export const target = sqliteTarget((path) => sqliteDialect({ path }), {
  child: { module: new URL('../dist/index.js', import.meta.url).href, factory: 'sqliteDialect' },
});
