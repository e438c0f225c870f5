import { Kysely, Migrator, MysqlDialect, PostgresDialect, SqliteDialect } from 'kysely';
import type { Dialect } from 'kysely';
import { mysqlOptions } from '../support/mysql-options.js';
import type { PeerTarget } from './peer-target.js';

export interface KyselyNoop {
  readonly db: Kysely<unknown>;
  readonly migrator: Migrator;
}

/** Only the driver the target needs is loaded, as a user's script would. */
async function dialectFor(target: PeerTarget): Promise<Dialect> {
  switch (target.kind) {
    case 'sqlite': {
      const { default: Database } = await import('better-sqlite3');
      return new SqliteDialect({ database: new Database(target.location) as never });
    }
    case 'postgres': {
      const { default: pg } = await import('pg');
      return new PostgresDialect({ pool: new pg.Pool({ connectionString: target.location, max: 1 }) as never });
    }
    case 'mysql': {
      const { createPool } = await import('mysql2');
      return new MysqlDialect({ pool: createPool({ ...mysqlOptions(target.location), connectionLimit: 1 }) as never });
    }
  }
}

export async function createKyselyNoop(target: PeerTarget): Promise<KyselyNoop> {
  const db = new Kysely<unknown>({ dialect: await dialectFor(target) });
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => ({}) },
    ...(target.schema ? { migrationTableSchema: target.schema } : {}),
  });
  return { db, migrator };
}

export async function kyselyLatest(noop: KyselyNoop): Promise<void> {
  const { error, results } = await noop.migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  if (results && results.length > 0) throw new Error(`Kysely ran ${results.length} migrations in a no-op`);
}
