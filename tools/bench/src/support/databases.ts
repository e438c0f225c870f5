import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Dialect } from '@agno-migrate/core';
import { mysqlDialect } from '@agno-migrate/dialect-mysql';
import { postgresDialect } from '@agno-migrate/dialect-postgres';
import { sqliteDialect } from '@agno-migrate/dialect-sqlite';
import type { DatabaseKind } from './config.js';
import type { RawLocation } from './raw-client.js';
import { openRaw } from './raw-client.js';

export const LABELS: Readonly<Record<DatabaseKind, string>> = { sqlite: 'SQLite', postgres: 'PostgreSQL', mysql: 'MariaDB' };

const POSTGRES_URL =
  process.env['AGNO_BENCH_POSTGRES_URL'] || process.env['AGNO_TEST_POSTGRES_URL'] || 'postgres://postgres@127.0.0.1:5432/test';
const MYSQL_URL = process.env['AGNO_BENCH_MYSQL_URL'] || process.env['AGNO_TEST_MYSQL_URL'] || 'mysql://root@127.0.0.1:3306/test';

/**
 * One isolated place for a bench: a temporary SQLite file, a fresh PostgreSQL database (tables in
 * its `ai` schema), a fresh MariaDB database, dropped afterwards, so a bench never touches anyone's tables.
 */
export interface BenchDatabase {
  readonly kind: DatabaseKind;
  readonly label: string;
  /** The schema (PostgreSQL) or database (MariaDB) of the tables; undefined for SQLite. */
  readonly namespace: string | undefined;
  /** Where a plain driver connects; for MariaDB the URL's database is the bench's own. */
  readonly raw: RawLocation;
  /** `--db …` (and `--schema …`) for the CLI. */
  readonly cliArgs: readonly string[];
  dialect(): Dialect;
  quoteIdent(name: string): string;
  qualify(table: string): string;
  drop(): Promise<void>;
}

const doubleQuote = (name: string) => `"${name.replaceAll('"', '""')}"`;
const backtick = (name: string) => `\`${name.replaceAll('`', '``')}\``;

/** The server itself (or an in-memory SQLite), for questions such as its version. */
export function serverLocation(kind: DatabaseKind): RawLocation {
  return { kind, location: kind === 'sqlite' ? ':memory:' : kind === 'postgres' ? POSTGRES_URL : MYSQL_URL };
}

/** Why a database cannot be benchmarked here, or null. */
export async function unavailableReason(kind: DatabaseKind): Promise<string | null> {
  if (kind === 'sqlite') return null;
  const location = kind === 'postgres' ? POSTGRES_URL : MYSQL_URL;
  try {
    const client = await openRaw({ kind, location });
    await client.rows('SELECT 1');
    await client.close();
    return null;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return `cannot connect to ${location.replace(/(\/\/[^:/@]*):[^@]*@/, '$1:***@')}: ${reason}`;
  }
}

export async function createBenchDatabase(kind: DatabaseKind): Promise<BenchDatabase> {
  const name = `agno_bench_${randomBytes(4).toString('hex')}`;
  switch (kind) {
    case 'sqlite': {
      const dir = mkdtempSync(join(tmpdir(), 'agno-bench-'));
      const path = join(dir, 'agno.db');
      return {
        kind,
        label: LABELS[kind],
        namespace: undefined,
        raw: { kind, location: path },
        cliArgs: ['--db', `sqlite:${path}`],
        dialect: () => sqliteDialect({ path }),
        quoteIdent: doubleQuote,
        qualify: doubleQuote,
        drop: async () => rmSync(dir, { recursive: true, force: true }),
      };
    }
    case 'postgres': {
      // A database of its own, not a schema in a shared one: Kysely introspects every schema of the
      // database, and other people's test schemas coming and going would break its runs.
      const admin = await openRaw({ kind, location: POSTGRES_URL });
      await admin.exec(`CREATE DATABASE ${doubleQuote(name)}`);
      await admin.close();
      const u = new URL(POSTGRES_URL);
      u.pathname = `/${name}`;
      const url = u.toString();
      const schema = 'ai';
      const inside = await openRaw({ kind, location: url });
      await inside.exec(`CREATE SCHEMA ${doubleQuote(schema)}`);
      await inside.close();
      return {
        kind,
        label: LABELS[kind],
        namespace: schema,
        raw: { kind, location: url },
        cliArgs: ['--db', url, '--schema', schema],
        dialect: () => postgresDialect({ url, schema }),
        quoteIdent: doubleQuote,
        qualify: (table) => `${doubleQuote(schema)}.${doubleQuote(table)}`,
        drop: async () => {
          const client = await openRaw({ kind, location: POSTGRES_URL });
          await client.exec(`DROP DATABASE IF EXISTS ${doubleQuote(name)} WITH (FORCE)`);
          await client.close();
        },
      };
    }
    case 'mysql': {
      const admin = await openRaw({ kind, location: MYSQL_URL });
      await admin.exec(`CREATE DATABASE ${backtick(name)} CHARACTER SET utf8mb4`);
      await admin.close();
      const u = new URL(MYSQL_URL);
      u.pathname = `/${name}`;
      const url = u.toString();
      return {
        kind,
        label: LABELS[kind],
        namespace: name,
        raw: { kind, location: url },
        cliArgs: ['--db', url, '--schema', name],
        dialect: () => mysqlDialect({ url, schema: name }),
        quoteIdent: backtick,
        qualify: (table) => `${backtick(name)}.${backtick(table)}`,
        drop: async () => {
          const client = await openRaw({ kind, location: MYSQL_URL });
          await client.exec(`DROP DATABASE IF EXISTS ${backtick(name)}`);
          await client.close();
        },
      };
    }
  }
}
