import type { ManagerOptions } from '@agno-migrate/core';
import { MigrationManager } from '@agno-migrate/core';
import { gate, postgresAgno22Tables, postgresTarget, postgresTestUrl } from '@agno-migrate/test-infra';
import type { Agno22PostgresTable, TestDatabase } from '@agno-migrate/test-infra';
import { postgresDialect } from '../../src/index.js';

export { postgresTestUrl };

/** In-process tests use the source; child processes (killed and racing runs) the built package. */
export const target = postgresTarget((options) => postgresDialect(options), {
  child: { module: new URL('../../dist/index.js', import.meta.url).href, factory: 'postgresDialect' },
});

/** Skips (loudly) when PostgreSQL is unreachable, unless AGNO_TEST_REQUIRE names it: then the tests run and fail. */
export const postgresGate = await gate(target);
export const skipPostgres = postgresGate.skip;

/** First hook of every PostgreSQL suite: fails with the reason when PostgreSQL is required but missing. */
export function assertPostgresAvailable(): void {
  if (postgresGate.reason !== null) {
    throw new Error(`PostgreSQL is required (AGNO_TEST_REQUIRE includes postgres) but ${postgresGate.reason}`);
  }
}

export const ALL_22: Agno22PostgresTable[] = ['sessions', 'memories', 'metrics', 'evals', 'knowledge', 'culture'];

export async function createAgno22(db: TestDatabase, types: readonly Agno22PostgresTable[] = ALL_22): Promise<void> {
  const request = Object.fromEntries(types.map((t) => [t, true as const]));
  for (const statement of postgresAgno22Tables(db.namespace!, request)) await db.exec(statement);
}

export function manager(db: TestDatabase, options: ManagerOptions = {}): MigrationManager {
  return new MigrationManager(db.dialect(), options);
}

/** Live facts read with plain SQL, independent of the tool's own introspection. */
export async function columnTypes(db: TestDatabase, table: string): Promise<Record<string, { type: string; nullable: boolean }>> {
  const rows = await db.rows(
    'SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = ? AND table_name = ?',
    [db.namespace, table],
  );
  return Object.fromEntries(rows.map((r) => [r['column_name'], { type: String(r['data_type']), nullable: r['is_nullable'] === 'YES' }]));
}

export async function constraints(db: TestDatabase, table: string): Promise<{ name: string; type: string; columns: string[] }[]> {
  const rows = await db.rows(
    'SELECT con.conname AS name, con.contype::text AS type, ' +
      '(SELECT array_agg(a.attname::text ORDER BY a.attnum) FROM pg_attribute a WHERE a.attrelid = con.conrelid AND a.attnum = ANY (con.conkey)) AS columns ' +
      'FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace ' +
      "WHERE n.nspname = ? AND c.relname = ? AND con.contype IN ('p', 'u') ORDER BY con.conname",
    [db.namespace, table],
  );
  return rows.map((r) => ({ name: String(r['name']), type: String(r['type']), columns: r['columns'] as string[] }));
}

export async function indexes(db: TestDatabase, table: string): Promise<{ name: string; valid: boolean; unique: boolean }[]> {
  const rows = await db.rows(
    'SELECT ic.relname AS name, i.indisvalid AS valid, i.indisunique AS unique FROM pg_index i ' +
      'JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace ' +
      'WHERE n.nspname = ? AND c.relname = ? ORDER BY ic.relname',
    [db.namespace, table],
  );
  return rows.map((r) => ({ name: String(r['name']), valid: r['valid'] === true, unique: r['unique'] === true }));
}

export async function versions(db: TestDatabase, versionsTable = 'agno_schema_versions'): Promise<Record<string, string>> {
  const rows = await db.rows(`SELECT table_name, version FROM ${db.qualify(versionsTable)}`);
  return Object.fromEntries(rows.map((r) => [String(r['table_name']), String(r['version'])]));
}
