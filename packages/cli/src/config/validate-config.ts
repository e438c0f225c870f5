import { ConfigurationError, resolveTableType } from '@agno-migrate/core';
import { parseDatabaseUrl } from '../database-url.js';
import type { AgnoMigrateConfig, DatabaseConfig, JwtConfig } from './config-types.js';

// `$schema` lets editors check the file against schema/agno-migrate.schema.json.
const TOP_KEYS = ['$schema', 'securityKey', 'jwt', 'databases', 'remoteDatabases'];
const JWT_KEYS = ['verificationKeys', 'jwksFile', 'algorithm', 'verifyAudience', 'audience', 'adminScope'];
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
  const jwt = 'jwt' in root ? validateJwt(root['jwt'], fail) : undefined;
  let remote: string[] | undefined;
  if ('remoteDatabases' in root) {
    const given = root['remoteDatabases'];
    if (!Array.isArray(given) || given.some((id) => typeof id !== 'string' || id.trim() === '' || id.includes('/'))) {
      fail('remoteDatabases must be a list of database ids');
    }
    remote = given as string[];
    for (const id of remote) {
      if (id in checked) fail(`remoteDatabases.${id}: also in databases; a database is either served here or remote`);
      if (id === 'all') fail('remoteDatabases: the id "all" is reserved for POST /databases/all/migrate');
    }
  }
  return {
    ...(securityKey !== undefined ? { securityKey } : {}),
    ...(jwt !== undefined ? { jwt } : {}),
    databases: checked,
    ...(remote !== undefined ? { remoteDatabases: remote } : {}),
  };
}

function validateJwt(value: unknown, fail: (message: string) => never): JwtConfig {
  const entry = objectAt(value, 'jwt', fail);
  unknownKeys(entry, JWT_KEYS, 'jwt.', fail);
  let verificationKeys: string[] | undefined;
  if ('verificationKeys' in entry) {
    const keys = entry['verificationKeys'];
    if (!Array.isArray(keys) || keys.length === 0 || keys.some((k) => typeof k !== 'string' || k.trim() === ''))
      fail('jwt.verificationKeys must be a non-empty list of keys');
    verificationKeys = keys as string[];
  }
  const jwksFile = optionalString(entry, 'jwksFile', 'jwt.jwksFile', fail);
  const algorithm = optionalString(entry, 'algorithm', 'jwt.algorithm', fail);
  const adminScope = optionalString(entry, 'adminScope', 'jwt.adminScope', fail);
  if ('verifyAudience' in entry && typeof entry['verifyAudience'] !== 'boolean') fail('jwt.verifyAudience must be true or false');
  const audience = entry['audience'];
  if (
    audience !== undefined &&
    typeof audience !== 'string' &&
    !(Array.isArray(audience) && audience.every((a) => typeof a === 'string'))
  ) {
    fail('jwt.audience must be a string or a list of strings');
  }
  return {
    ...(verificationKeys ? { verificationKeys } : {}),
    ...(jwksFile !== undefined ? { jwksFile } : {}),
    ...(algorithm !== undefined ? { algorithm } : {}),
    ...(typeof entry['verifyAudience'] === 'boolean' ? { verifyAudience: entry['verifyAudience'] } : {}),
    ...(audience !== undefined ? { audience: audience as string | string[] } : {}),
    ...(adminScope !== undefined ? { adminScope } : {}),
  };
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
