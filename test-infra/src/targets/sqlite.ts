import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Dialect } from '@agno-migrate/core';
import type { TestDatabase, TestTarget } from '../target.js';

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * A fresh temporary SQLite file per database; always available. The dialect comes from the caller
 * so this private package does not depend on the dialect packages that test with it.
 */
export const sqliteTarget = (makeDialect: (path: string) => Dialect): TestTarget => ({
  name: 'sqlite',
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
      close: async () => {
        raw.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
});
