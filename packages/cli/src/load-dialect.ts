import type { Dialect } from '@agno-migrate/core';
import { ConfigurationError } from '@agno-migrate/core';
import type { DatabaseTarget, DialectKind } from './database-url.js';

export interface DialectRequest {
  readonly target: DatabaseTarget;
  readonly schema?: string;
  /** Read-only commands must not create a missing SQLite file. */
  readonly mustExist: boolean;
}

const PACKAGES: Record<DialectKind, { pkg: string; factory: string }> = {
  sqlite: { pkg: '@agno-migrate/dialect-sqlite', factory: 'sqliteDialect' },
  postgres: { pkg: '@agno-migrate/dialect-postgres', factory: 'postgresDialect' },
  mysql: { pkg: '@agno-migrate/dialect-mysql', factory: 'mysqlDialect' },
  singlestore: { pkg: '@agno-migrate/dialect-singlestore', factory: 'singlestoreDialect' },
};

/** Loads only the dialect package the URL needs, so a command pays for one driver. */
export async function loadDialect(request: DialectRequest): Promise<Dialect> {
  const { pkg, factory } = PACKAGES[request.target.kind];
  let module: Record<string, unknown>;
  try {
    module = (await import(pkg)) as Record<string, unknown>;
  } catch (error) {
    if (isModuleMissing(error, pkg)) {
      throw new ConfigurationError(`${request.target.kind} support is not installed: run \`npm install ${pkg}\``, { package: pkg }, { cause: error });
    }
    throw error;
  }
  const create = module[factory];
  if (typeof create !== 'function') throw new ConfigurationError(`${pkg} does not export ${factory}()`);
  if (request.target.kind === 'sqlite') {
    if (request.schema !== undefined) throw new ConfigurationError('--schema does not apply to SQLite');
    return create({ path: request.target.location, mustExist: request.mustExist }) as Dialect;
  }
  return create({ url: request.target.location, ...(request.schema !== undefined ? { schema: request.schema } : {}) }) as Dialect;
}

function isModuleMissing(error: unknown, pkg: string): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && String((error as Error).message).includes(pkg);
}
