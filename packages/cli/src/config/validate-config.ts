import { ConfigurationError, resolveTableType } from '@agno-migrate/core';
import { parseDatabaseUrl } from '../database-url.js';
import type { AgnoMigrateConfig, DatabaseConfig } from './config-types.js';

// `$schema` lets editors check the file against schema/agno-migrate.schema.json.
const TOP_KEYS = ['$schema', 'securityKey', 'databases'];
const DATABASE_KEYS = ['url', 'schema', 'versionsTable', 'tables'];

/**
 * Checks the parsed file against the config shape. Every message starts with the path of the bad
 * field (`databases.pg.tables.memories must be a string`) and never repeats a URL or key value.
 */
export function validateConfig(value: unknown, file: string): AgnoMigrateConfig {
  const fail = (message: string): never => {
    throw new ConfigurationError(`config file ${file}: ${message}`, { file });
  };
  const root = objectAt(value, 'the top level', fail);
  unknownKeys(root, TOP_KEYS, '', fail);
  const securityKey = optionalString(root, 'securityKey', 'securityKey', fail);
  if (securityKey === '') fail('securityKey must not be empty');
  if (!('databases' in root)) fail('databases is required: {"databases": {"<id>": {"url": "…"}}}');
  const databases = objectAt(root['databases'], 'databases', fail);
  const ids = Object.keys(databases);
  if (ids.length === 0) fail('databases must name at least one database');
  const checked: Record<string, DatabaseConfig> = {};
  for (const id of ids) {
    const path = `databases.${id}`;
    if (id === 'all') fail(`${path}: the id "all" is reserved for POST /databases/all/migrate`);
    if (id.trim() === '' || id.includes('/')) fail(`${path}: a database id must be non-empty and contain no "/"`);
    checked[id] = validateDatabase(databases[id], path, fail);
  }
  return { ...(securityKey !== undefined ? { securityKey } : {}), databases: checked };
}

function validateDatabase(value: unknown, path: string, fail: (message: string) => never): DatabaseConfig {
  const entry = objectAt(value, path, fail);
  unknownKeys(entry, DATABASE_KEYS, `${path}.`, fail);
  if (!('url' in entry)) fail(`${path}.url is required`);
  const url = optionalString(entry, 'url', `${path}.url`, fail)!;
  if (url.trim() === '') fail(`${path}.url must not be empty`);
  let kind: string | undefined;
  try {
    kind = parseDatabaseUrl(url).kind;
  } catch (error) {
    fail(`${path}.url: ${(error as Error).message}`);
  }
  const schema = optionalString(entry, 'schema', `${path}.schema`, fail);
  if (schema !== undefined && kind === 'sqlite') fail(`${path}.schema does not apply to SQLite`);
  const versionsTable = optionalString(entry, 'versionsTable', `${path}.versionsTable`, fail);
  let tables: Record<string, string> | undefined;
  if ('tables' in entry) {
    const given = objectAt(entry['tables'], `${path}.tables`, fail);
    tables = {};
    for (const [type, name] of Object.entries(given)) {
      try {
        resolveTableType(type);
      } catch (error) {
        fail(`${path}.tables.${type}: ${(error as Error).message}`);
      }
      if (typeof name !== 'string') fail(`${path}.tables.${type} must be a string`);
      if ((name as string).trim() === '') fail(`${path}.tables.${type} must not be empty`);
      tables[type] = name as string;
    }
  }
  return {
    url,
    ...(schema !== undefined ? { schema } : {}),
    ...(versionsTable !== undefined ? { versionsTable } : {}),
    ...(tables !== undefined ? { tables } : {}),
  };
}

function objectAt(value: unknown, path: string, fail: (message: string) => never): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) fail(`${path} must be an object`);
  return value as Record<string, unknown>;
}

function unknownKeys(value: Record<string, unknown>, known: readonly string[], prefix: string, fail: (message: string) => never): void {
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) fail(`${prefix}${key} is not a known field (expected ${known.join(', ')})`);
  }
}

function optionalString(value: Record<string, unknown>, key: string, path: string, fail: (message: string) => never): string | undefined {
  if (!(key in value)) return undefined;
  const field = value[key];
  if (typeof field !== 'string') fail(`${path} must be a string`);
  return field as string;
}
