import type { Knex } from 'knex';
import { mysqlOptions } from '../support/mysql-options.js';
import type { PeerTarget } from './peer-target.js';

/** No migrations at all: the no-op measures the tool's own bookkeeping, nothing else. */
const EMPTY_SOURCE: Knex.MigrationSource<string> = {
  getMigrations: async () => [],
  getMigrationName: (name) => name,
  getMigration: async () => ({ up: async () => {}, down: async () => {} }),
};

export function knexConfig(target: PeerTarget): Knex.Config {
  const migrations: Knex.MigratorConfig = {
    migrationSource: EMPTY_SOURCE,
    tableName: 'knex_migrations',
    ...(target.schema ? { schemaName: target.schema } : {}),
  };
  switch (target.kind) {
    case 'sqlite':
      return { client: 'better-sqlite3', connection: { filename: target.location }, useNullAsDefault: true, migrations };
    case 'postgres':
      return { client: 'pg', connection: target.location, pool: { min: 1, max: 1 }, migrations };
    case 'mysql':
      return {
        client: 'mysql2',
        connection: mysqlOptions(target.location) as Knex.MySqlConnectionConfig,
        pool: { min: 1, max: 1 },
        migrations,
      };
  }
}

/** Fails loudly if Knex did anything but nothing: a no-op that ran migrations would be a false number. */
export async function knexLatest(knex: Knex): Promise<void> {
  const [, applied] = (await knex.migrate.latest()) as [number, string[]];
  if (applied.length !== 0) throw new Error(`Knex applied ${applied.length} migrations in a no-op`);
}
