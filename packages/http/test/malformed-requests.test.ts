import { request as httpRequest } from 'node:http';
import { MigrationManager } from '@agno-migrate/core';
import { sqliteDialect } from '@agno-migrate/dialect-sqlite';
import { createAgno22Database, sqliteTarget } from '@agno-migrate/test-infra';
import type { TestDatabase } from '@agno-migrate/test-infra';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMigrationHandler } from '../src/index.js';
import type { Loopback } from './serve-on-loopback.js';
import { serveOnLoopback } from './serve-on-loopback.js';

const NAMES = { memories: 'mem', sessions: 'sess', metrics: 'met', evals: 'ev', knowledge: 'kn', culture: 'cu' };

let db: TestDatabase;
let empty: TestDatabase;
let server: Loopback;
let log: string[];

beforeEach(async () => {
  db = await sqliteTarget((path) => sqliteDialect({ path })).create();
  empty = await sqliteTarget((path) => sqliteDialect({ path })).create();
  await createAgno22Database(db, NAMES);
  log = [];
  const logger = { info: (line: string) => log.push(line), warn: (line: string) => log.push(line) };
  server = await serveOnLoopback(
    createMigrationHandler({
      databases: {
        agno: { open: () => new MigrationManager(db.dialect(), { tables: { ...NAMES } }) },
        empty: { open: () => new MigrationManager(empty.dialect()) },
      },
      securityKey: '',
      logger,
    }),
  );
});
afterEach(async () => {
  await server.close();
  await db.close();
  await empty.close();
});

async function stamps(): Promise<Record<string, string>> {
  const rows = await db.rows('SELECT table_name, version FROM agno_schema_versions ORDER BY table_name').catch(() => []);
  return Object.fromEntries(rows.map((r) => [String(r['table_name']), String(r['version'])]));
}

/** A raw request: fetch() cannot send TRACE at all. */
function raw(method: string, path: string): Promise<{ status: number; allow: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${server.url}${path}`, { method }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, allow: res.headers['allow'], body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('malformed requests are refused before anything runs', () => {
  it('a truncated JSON body with a target_version is 422, not a migration to latest', async () => {
    const response = await server.post('/databases/agno/migrate', { body: '{"target_version": "2.3.' });
    expect(response.status).toBe(422);
    expect(response.body.detail[0]).toMatchObject({ type: 'json_invalid', msg: 'JSON decode error' });
    expect(await stamps()).toEqual({});
    const all = await server.post('/databases/all/migrate', { body: '{"target_version"' });
    expect(all.status).toBe(422);
    expect(await stamps()).toEqual({});
  });

  it('a body that is not a JSON object is 422 too, even next to a query target', async () => {
    for (const body of ['target_version=2.3.0', '["2.3.0"]', '"2.3.0"']) {
      const response = await server.post('/databases/agno/migrate', { body });
      expect(response.status, body).toBe(422);
    }
    expect((await server.post('/databases/agno/migrate?target_version=2.3.0', { body: '{"target_' })).status).toBe(422);
    expect(await stamps()).toEqual({});
  });

  it('TRACE and every method no route serves are 405 with Allow, and logged', async () => {
    for (const method of ['TRACE', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
      const response = await raw(method, '/databases/agno/migrate');
      expect(response.status, method).toBe(405);
      expect(response.allow).toBe('GET, POST');
      expect(JSON.parse(response.body)).toEqual({ detail: 'Method Not Allowed' });
    }
    expect((await raw('TRACE', '/no/such/path')).status).toBe(405);
    expect(log).toHaveLength(6);
    expect(log[0]).toMatch(/^TRACE \/databases\/agno\/migrate 405 \d+ms$/);
    expect(log[1]).toMatch(/^PUT \/databases\/agno\/migrate 405 \d+ms$/);
    expect(await stamps()).toEqual({});
  });

  it('a database with no Agno tables answers that nothing was migrated', async () => {
    const one = await server.post('/databases/empty/migrate');
    expect(one.status).toBe(200);
    expect(one.body.message).toBe('Nothing migrated: database empty has no Agno tables');
    expect(one.body.tables.every((t: { outcome: string }) => t.outcome === 'absent')).toBe(true);
    const all = await server.post('/databases/all/migrate');
    expect(all.body.message).toBe('All databases migrated successfully to latest version');
  });
});
