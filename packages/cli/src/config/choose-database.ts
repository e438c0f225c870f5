import { ConfigurationError } from '@agno-migrate/core';
import type { AgnoMigrateConfig, DatabaseConfig } from './config-types.js';

/** `--db-id <id>` picks one database of the file; it may be left out when the file names only one. */
export function chooseDatabase(
  config: AgnoMigrateConfig,
  file: string,
  dbId: string | undefined,
): { id: string; database: DatabaseConfig } {
  const ids = Object.keys(config.databases);
  const list = ids.join(', ');
  if (dbId === undefined) {
    if (ids.length > 1)
      throw new ConfigurationError(`config file ${file} names ${ids.length} databases: choose one with --db-id (${list})`);
    return { id: ids[0]!, database: config.databases[ids[0]!]! };
  }
  const database = config.databases[dbId];
  if (!database) throw new ConfigurationError(`config file ${file} has no database ${JSON.stringify(dbId)}: use one of ${list}`);
  return { id: dbId, database };
}
