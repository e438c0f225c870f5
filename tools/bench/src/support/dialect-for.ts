import type { Dialect } from '@agno-migrate/core';
import type { PeerTarget } from '../noop/peer-target.js';

/** The tool's dialect for a target passed to a child process; only that dialect's package loads. */
export async function dialectFor(target: PeerTarget): Promise<Dialect> {
  switch (target.kind) {
    case 'sqlite':
      return (await import('@agno-migrate/dialect-sqlite')).sqliteDialect({ path: target.location });
    case 'postgres':
      return (await import('@agno-migrate/dialect-postgres')).postgresDialect({
        url: target.location,
        ...(target.schema ? { schema: target.schema } : {}),
      });
    case 'mysql': {
      const database = decodeURIComponent(new URL(target.location).pathname.slice(1));
      return (await import('@agno-migrate/dialect-mysql')).mysqlDialect({ url: target.location, schema: database });
    }
  }
}
