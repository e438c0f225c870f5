import { fs } from '../builtins.js';
import { ConfigurationError } from '@agno-migrate/core';
import type { CommonOptions } from '../common-options.js';
import { parseTableRenames } from '../common-options.js';
import { chooseDatabase } from './choose-database.js';
import { readConfig } from './read-config.js';
import { parseDatabaseUrl } from '../database-url.js';
import type { DatabaseTarget } from '../database-url.js';

/** One database and how its tables are named, from the flags or from a --config file. */
export interface DatabaseOptions {
  readonly target: DatabaseTarget;
  readonly schema?: string;
  readonly tables: Record<string, string>;
  readonly versionsTable?: string;
}

const DEFAULT_DB = 'sqlite:./agno.db';
/** The config file used when nothing on the command line or in the environment names a database. */
export const DEFAULT_CONFIG = 'agno-migrate.json';

/** ./agno-migrate.json when no flag or variable says which database, else undefined. */
export function defaultConfigFile(options: CommonOptions): string | undefined {
  const named =
    options.db !== undefined ||
    options.schema !== undefined ||
    (options.table ?? []).length > 0 ||
    options.versionsTable !== undefined ||
    Boolean(process.env['AGNO_DB_URL']) ||
    Boolean(process.env['DATABASE_URL']);
  return !named && fs.existsSync(DEFAULT_CONFIG) ? DEFAULT_CONFIG : undefined;
}

export function resolveDatabaseOptions(given: CommonOptions): DatabaseOptions {
  const found = given.config === undefined ? defaultConfigFile(given) : undefined;
  const options = found !== undefined ? { ...given, config: found } : given;
  if (options.config === undefined) {
    if (options.dbId !== undefined) throw new ConfigurationError('--db-id needs --config <file>: it names a database of that file');
    return {
      target: parseDatabaseUrl(options.db ?? (process.env['AGNO_DB_URL'] || process.env['DATABASE_URL'] || DEFAULT_DB)),
      ...(options.schema !== undefined ? { schema: options.schema } : {}),
      tables: parseTableRenames(options.table ?? []),
      ...(options.versionsTable !== undefined ? { versionsTable: options.versionsTable } : {}),
    };
  }
  // One source for a database's settings: a flag beside the file would silently win or lose.
  const conflicts = [
    ['--db', options.db !== undefined],
    ['--schema', options.schema !== undefined],
    ['--table', (options.table ?? []).length > 0],
    ['--versions-table', options.versionsTable !== undefined],
  ] as const;
  for (const [flag, given] of conflicts) {
    if (given) throw new ConfigurationError(`${flag} cannot be combined with --config: set it in the config file's database entry`);
  }
  const config = readConfig(options.config);
  const { database } = chooseDatabase(config, options.config, options.dbId);
  return fromConfigEntry(database);
}

export function fromConfigEntry(database: {
  url: string;
  schema?: string;
  versionsTable?: string;
  tables?: Readonly<Record<string, string>>;
}): DatabaseOptions {
  return {
    target: parseDatabaseUrl(database.url),
    ...(database.schema !== undefined ? { schema: database.schema } : {}),
    tables: { ...database.tables },
    ...(database.versionsTable !== undefined ? { versionsTable: database.versionsTable } : {}),
  };
}
