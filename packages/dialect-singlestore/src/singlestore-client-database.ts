import type { MysqlClient } from '@agno-migrate/dialect-mysql';

interface MaybeConfigured {
  readonly config?: { readonly database?: unknown; readonly connectionConfig?: { readonly database?: unknown } };
  readonly pool?: MaybeConfigured;
  readonly connection?: MaybeConfigured;
}

/**
 * The database a caller's mysql2 pool or connection was configured with: the current database of
 * every connection it hands out. mysql2's promise wrappers keep the core object in `pool` or
 * `connection`; anything else yields undefined.
 */
export function configuredDatabase(client: MysqlClient | undefined): string | undefined {
  const seen = new Set<unknown>();
  let current = client as MaybeConfigured | undefined;
  while (current && !seen.has(current)) {
    seen.add(current);
    const database = current.config?.connectionConfig?.database ?? current.config?.database;
    if (typeof database === 'string' && database !== '') return database;
    current = current.pool ?? current.connection;
  }
  return undefined;
}
