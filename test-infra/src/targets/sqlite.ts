import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Dialect } from '@agno-migrate/core';
import type { ChildDialectModule, TestDatabase, TestTarget } from '../target.js';
import type { TargetTraits } from '../traits.js';

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** What Agno and SQLite do differently from the other databases. */
export const SQLITE_TRAITS: TargetTraits = {
  stringType: () => 'VARCHAR',
  jsonType: 'JSON',
  enforcesForeignKeys: true,
  foreignKeysOnSql: 'PRAGMA foreign_keys = ON',
  readsForeignKeys: true,
  partialIndexes: true,
  uniqueKeys: true,
  agno3Tables: ['runs', 'tool_results'],
  runsPrimaryKey: ['run_id'],
  runsSessionIndexName: (table) => `idx_${table}_session_id_run_index`,
  textProvenanceColumns: true,
  repeatedSessionIn22: null,
};

export interface SqliteTargetOptions {
  /** How a child process builds the dialect: the factory gets `{ path }`. */
  readonly child?: ChildDialectModule;
}

/**
 * A fresh temporary SQLite file per database; always available. The dialect comes from the caller
 * so this private package does not depend on the dialect packages that test with it.
 */
export const sqliteTarget = (makeDialect: (path: string) => Dialect, options: SqliteTargetOptions = {}): TestTarget => ({
  name: 'sqlite',
  traits: SQLITE_TRAITS,
  unavailableReason: async () => null,
  async create(): Promise<TestDatabase> {
    const dir = mkdtempSync(join(tmpdir(), 'agno-migrate-'));
    const path = join(dir, 'agno.db');
    const raw = new Database(path);
    const bind = (params: readonly unknown[]) => params.map((p) => (typeof p === 'boolean' ? Number(p) : p));
    return {
      flavor: 'sqlite',
      namespace: undefined,
      dialect: () => makeDialect(path),
      childDialect: () => options.child && { ...options.child, options: { path } },
      cliArgs: () => ['--db', `sqlite:${path}`],
      exec: async (sql, params = []) => {
        // SQLite resolves names in ALTER TABLE against this connection's cached schema, which may
        // predate the tool's changes made through its own connection: reading the catalog refreshes it.
        raw.prepare('SELECT count(*) FROM sqlite_master').get();
        if (params.length === 0) raw.exec(sql);
        else raw.prepare(sql).run(...bind(params));
      },
      rows: async (sql, params = []) => raw.prepare(sql).all(...bind(params)) as Record<string, unknown>[],
      quoteIdent: quote,
      qualify: quote,
      dropIndexSql: (_table, index) => `DROP INDEX ${quote(index)}`,
      tableNames: async () =>
        (
          raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'").all() as {
            name: string;
          }[]
        )
          .map((r) => r.name)
          .sort(),
      close: async () => {
        raw.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
});
