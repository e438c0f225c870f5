import type { Dialect } from '@agno-migrate/core';
import pg from 'pg';
import { startContainer } from '../containers.js';
import type { ChildDialectModule, TestDatabase, TestTarget } from '../target.js';
import type { TargetTraits } from '../traits.js';

export const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/test';

/** The dialect package is passed in: test-infra must not depend on the packages that test with it. */
export type PostgresDialectFactory = (options: { url: string; schema: string }) => Dialect;

export function postgresTestUrl(): string {
  return process.env['AGNO_TEST_POSTGRES_URL'] || DEFAULT_POSTGRES_URL;
}

/**
 * The URL to test against: AGNO_TEST_POSTGRES_URL, else the local server, else (when Docker is
 * there) a PostgreSQL container started for this run.
 */
async function resolveUrl(explicit: string | undefined): Promise<string> {
  if (explicit) return explicit;
  const url = postgresTestUrl();
  if (process.env['AGNO_TEST_POSTGRES_URL'] || (await probe(url)) === null) return url;
  const container = await startContainer({
    image: 'postgres:15',
    port: 5432,
    env: { POSTGRES_PASSWORD: 'agno', POSTGRES_DB: 'test' },
    readyLog: /database system is ready to accept connections/,
    readyTimes: 2,
  });
  return container ? `postgres://postgres:agno@${container.host}:${container.port}/test` : url;
}

/** `?` placeholders → `$1, $2, …`, leaving quoted strings and identifiers alone. */
export function toDollarPlaceholders(text: string): string {
  let n = 0;
  return text.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"|\?/g, (match) => (match === '?' ? `$${++n}` : match));
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** For messages: the URL without its password. */
function redact(url: string): string {
  return url.replace(/(\/\/[^:/@]*):[^@]*@/, '$1:***@');
}

function bindable(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && !(value instanceof Date) && !Buffer.isBuffer(value)) return JSON.stringify(value);
  return value;
}

let counter = 0;

/** What Agno and PostgreSQL do differently from the other databases. */
export const POSTGRES_TRAITS: TargetTraits = {
  stringType: () => 'VARCHAR',
  jsonType: 'JSONB',
  enforcesForeignKeys: true,
  foreignKeysOnSql: null,
  readsForeignKeys: true,
  partialIndexes: true,
  uniqueKeys: true,
  agno3Tables: ['runs', 'tool_results', 'jobs'],
  runsPrimaryKey: ['run_id'],
  runsSessionIndexName: (table) => `idx_${table}_session_id_run_index`,
  textProvenanceColumns: false,
  // 2.2 enforced uniqueness with <table>_uq_session_id; duplicates exist where that constraint was lost.
  repeatedSessionIn22: {
    dropKeySql: (db, table) => `ALTER TABLE ${db.qualify(table)} DROP CONSTRAINT ${db.quoteIdent(`${table}_uq_session_id`)}`,
    sessionType: 'agent',
  },
};

export interface PostgresTargetOptions {
  /** The server to test against; defaults to AGNO_TEST_POSTGRES_URL, else the local one. */
  readonly url?: string;
  /** How a child process builds the dialect: the factory gets `{ url, schema }`. */
  readonly child?: ChildDialectModule;
}

/**
 * Each database is a fresh schema with a unique name in the one test database, dropped (CASCADE)
 * on close, so test files can run side by side.
 */
export function postgresTarget(makeDialect: PostgresDialectFactory, options: PostgresTargetOptions = {}): TestTarget {
  let resolved: Promise<string> | undefined;
  let availability: Promise<string | null> | undefined;
  const target = () => (resolved ??= resolveUrl(options.url));
  return {
    name: 'postgres',
    traits: POSTGRES_TRAITS,
    unavailableReason() {
      availability ??= target().then(probe);
      return availability;
    },
    async create(): Promise<TestDatabase> {
      const url = await target();
      const schema = `agno_t_${process.pid}_${Date.now().toString(36)}_${++counter}`;
      const pool = new pg.Pool({ connectionString: url, max: 4, connectionTimeoutMillis: 5000 });
      pool.on('error', () => {});
      await pool.query(`CREATE SCHEMA ${quoteIdent(schema)}`).catch(async (error: unknown) => {
        await pool.end();
        throw error;
      });
      const rows = async (sql: string, params: readonly unknown[] = []) =>
        (await pool.query(toDollarPlaceholders(sql), params.map(bindable))).rows as Record<string, unknown>[];
      return {
        flavor: 'postgres',
        namespace: schema,
        dialect: () => makeDialect({ url, schema }),
        childDialect: () => options.child && { ...options.child, options: { url, schema } },
        cliArgs: () => ['--db', url, '--schema', schema],
        exec: async (sql, params) => {
          await rows(sql, params);
        },
        rows,
        quoteIdent,
        qualify: (table) => `${quoteIdent(schema)}.${quoteIdent(table)}`,
        dropIndexSql: (_table, index) => `DROP INDEX ${quoteIdent(schema)}.${quoteIdent(index)}`,
        tableNames: async () =>
          (await rows('SELECT table_name AS name FROM information_schema.tables WHERE table_schema = ?', [schema]))
            .map((r) => String(r['name']))
            .sort(),
        async close() {
          try {
            await pool.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
          } finally {
            await pool.end();
          }
        },
      };
    },
  };
}

async function probe(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return `PostgreSQL at ${redact(url)} is not reachable: ${reason}`;
  } finally {
    await client.end().catch(() => {});
  }
}
