import { fs, path, url } from './builtins.js';
import type { Dialect } from '@agno-migrate/core';
import { ConfigurationError } from '@agno-migrate/core';
import type { DatabaseTarget, DialectKind } from './database-url.js';
import { isModuleMissing } from './optional-package.js';

export interface DialectRequest {
  readonly target: DatabaseTarget;
  readonly schema?: string;
  /** Read-only commands must not create a missing SQLite file. */
  readonly mustExist: boolean;
}

const PACKAGES: Record<DialectKind, { pkg: string; factory: string; driver: string; name: string }> = {
  sqlite: { pkg: '@agno-migrate/dialect-sqlite', factory: 'sqliteDialect', driver: 'better-sqlite3', name: 'SQLite' },
  postgres: { pkg: '@agno-migrate/dialect-postgres', factory: 'postgresDialect', driver: 'pg', name: 'PostgreSQL' },
  mysql: { pkg: '@agno-migrate/dialect-mysql', factory: 'mysqlDialect', driver: 'mysql2', name: 'MySQL' },
  singlestore: { pkg: '@agno-migrate/dialect-singlestore', factory: 'singlestoreDialect', driver: 'mysql2', name: 'SingleStore' },
};

/** Loads only the dialect package the URL needs, so a command pays for one driver. */
export async function loadDialect(request: DialectRequest): Promise<Dialect> {
  const { pkg, factory } = PACKAGES[request.target.kind];
  let module: Record<string, unknown>;
  try {
    module = (await import(pkg)) as Record<string, unknown>;
  } catch (error) {
    if (isModuleMissing(error, pkg)) {
      throw new ConfigurationError(
        `${request.target.kind} support is not installed: run \`npm install ${pkg}\``,
        { package: pkg },
        { cause: error },
      );
    }
    throw error;
  }
  assertDriverInstalled(request.target.kind);
  const create = module[factory];
  if (typeof create !== 'function') throw new ConfigurationError(`${pkg} does not export ${factory}()`);
  if (request.target.kind === 'sqlite') {
    if (request.schema !== undefined) throw new ConfigurationError('--schema does not apply to SQLite');
    // A mistyped path must not become a new empty database that then reads as "nothing to do".
    if (request.mustExist && !isMemory(request.target.location) && !fs.existsSync(request.target.location)) {
      throw new ConfigurationError(
        `no such database file ${request.target.location}: check --db (else AGNO_DB_URL, else DATABASE_URL, else ./agno.db), or create it with agno-migrate init or up --create-missing`,
        { file: request.target.location },
      );
    }
    return create({ path: request.target.location, mustExist: request.mustExist }) as Dialect;
  }
  return create({ url: request.target.location, ...(request.schema !== undefined ? { schema: request.schema } : {}) }) as Dialect;
}

/**
 * The driver is a peer of the dialect and loads only on connect: found missing there, it would be a
 * database error (exit 1). Looking for it beside the dialect now (no loading) makes it bad input,
 * exit 2, before anything is opened. The walk up the node_modules folders is what ESM resolution
 * does; `require.resolve` would also look in NODE_PATH, which `import` ignores.
 */
function assertDriverInstalled(kind: DialectKind): void {
  const { pkg, driver, name } = PACKAGES[kind];
  let dir = path.dirname(url.fileURLToPath(import.meta.resolve(pkg)));
  for (;;) {
    if (fs.existsSync(path.join(dir, 'node_modules', driver, 'package.json'))) return;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new ConfigurationError(`the ${name} driver ${driver} is not installed: run \`npm install ${driver}\``, { package: driver });
}

function isMemory(location: string): boolean {
  return location === ':memory:' || location === '';
}
