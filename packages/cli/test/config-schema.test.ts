import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TABLE_TYPES } from '@agno-migrate/core';
import Ajv2020 from 'ajv/dist/2020.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const SCHEMA_FILE = new URL('../schema/agno-migrate.schema.json', import.meta.url);
const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'));
const validate = new Ajv2020.default({ allErrors: true }).compile(schema);

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'agno-schema-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, value: unknown) => {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(value));
  return file;
};

describe('the config file JSON Schema', () => {
  it('is shipped and exported by the package', async () => {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(manifest.files).toContain('schema');
    expect(manifest.exports['./schema.json']).toBe('./schema/agno-migrate.schema.json');
  });

  it('knows every table type and alias the CLI accepts', () => {
    const names = TABLE_TYPES.flatMap((t) => [t.type, ...(t.aliases ?? [])]);
    expect(new Set(schema.properties.databases.additionalProperties.properties.tables.propertyNames.enum)).toEqual(new Set(names));
  });

  const good = {
    $schema: './node_modules/@agno-migrate/cli/schema/agno-migrate.schema.json',
    securityKey: 'k3y-value',
    databases: { main: { url: 'sqlite:./main.db', versionsTable: 'v', tables: { memories: 'm', memory: 'm2' } } },
  };
  const bad: [string, unknown, RegExp][] = [
    ['an unknown top-level field', { databases: { a: { url: 'sqlite:./a.db' } }, extra: 1 }, /extra is not a known field/],
    ['no databases', {}, /databases is required/],
    ['an empty databases', { databases: {} }, /at least one database/],
    ['a url that is not a string', { databases: { a: { url: 42 } } }, /databases\.a\.url must be a string/],
    ['no url', { databases: { a: {} } }, /databases\.a\.url is required/],
    ['an unknown database field', { databases: { a: { url: 'sqlite:./a.db', port: 1 } } }, /databases\.a\.port is not a known field/],
    ['an unknown table type', { databases: { a: { url: 'sqlite:./a.db', tables: { memoires: 'x' } } } }, /databases\.a\.tables\.memoires/],
    [
      'an empty table name',
      { databases: { a: { url: 'sqlite:./a.db', tables: { memories: '' } } } },
      /databases\.a\.tables\.memories must not be empty/,
    ],
    ['the reserved id all', { databases: { all: { url: 'sqlite:./a.db' } } }, /"all" is reserved/],
    ['an empty security key', { securityKey: '', databases: { a: { url: 'sqlite:./a.db' } } }, /securityKey must not be empty/],
  ];

  it('accepts what the CLI accepts, $schema included', () => {
    expect(validate(good), JSON.stringify(validate.errors)).toBe(true);
    const run = runCli(['init', '--config', write('good.json', good), '--json'], {}, dir);
    expect(run.code, run.stderr).toBe(0);
  });

  it.each(bad)('rejects what the CLI rejects: %s', (_name, config, message) => {
    expect(validate(config)).toBe(false);
    const run = runCli(['status', '--config', write('bad.json', config)], {}, dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});

describe('./agno-migrate.json in the working directory', () => {
  it('is the config file when nothing names a database', () => {
    write('agno-migrate.json', { databases: { main: { url: 'sqlite:./from-config.db', tables: { memories: 'cfg_memories' } } } });
    const run = runCli(['init', '--json', '--table-type', 'memories'], {}, dir);
    expect(run.code, run.stderr).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(doc.database).toBe('sqlite:./from-config.db');
    expect(doc.tables[0].tableName).toBe('cfg_memories');
  });

  it('--db, AGNO_DB_URL or DATABASE_URL win over it', () => {
    write('agno-migrate.json', { databases: { main: { url: 'sqlite:./from-config.db' } } });
    expect(JSON.parse(runCli(['init', '--json', '--db', 'sqlite:./flag.db'], {}, dir).stdout).database).toBe('sqlite:./flag.db');
    expect(JSON.parse(runCli(['init', '--json'], { DATABASE_URL: 'sqlite:./env.db' }, dir).stdout).database).toBe('sqlite:./env.db');
  });

  it('names its databases for --db-id', () => {
    write('agno-migrate.json', { databases: { a: { url: 'sqlite:./a.db' }, b: { url: 'sqlite:./b.db' } } });
    const none = runCli(['status'], {}, dir);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('choose one with --db-id (a, b)');
    expect(JSON.parse(runCli(['init', '--db-id', 'b', '--json'], {}, dir).stdout).database).toBe('sqlite:./b.db');
  });
});
