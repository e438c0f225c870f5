import { sqliteDialect } from '@agno-migrate/dialect-sqlite';
import { createAgno22Database, gate, postgresTarget, postgresTestUrl, sqliteTarget, reachedVersion } from '@agno-migrate/test-infra';
import type { TestDatabase } from '@agno-migrate/test-infra';
import { postgresDialect } from '@agno-migrate/dialect-postgres';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isLoopback } from '../src/commands/serve.js';
import { runCli } from './run-cli.js';
import type { ServeProcess } from './serve-process.js';
import { startServe } from './serve-process.js';

const names = (n: number) => ({
  memories: `mem_${n}`,
  sessions: `sess_${n}`,
  metrics: `met_${n}`,
  evals: `ev_${n}`,
  knowledge: `kn_${n}`,
  culture: `cu_${n}`,
});
const KEY = 'serve-key-0815';

const pg = postgresTarget((options) => postgresDialect(options));
const { skip: noPostgres } = await gate(pg);

let dir: string;
let lite: TestDatabase;
let server: ServeProcess | undefined;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'agno-serve-'));
  lite = await sqliteTarget((path) => sqliteDialect({ path })).create();
  await createAgno22Database(lite, names(1));
  await createAgno22Database(lite, names(2));
});
afterEach(async () => {
  if (server && server.child.exitCode === null) await server.stop('SIGKILL');
  server = undefined;
  await lite.close();
  rmSync(dir, { recursive: true, force: true });
});

function writeConfig(content: unknown): string {
  const file = join(dir, 'serve.json');
  writeFileSync(file, JSON.stringify(content));
  return file;
}

const liteDatabases = () => ({
  one: { url: lite.cliArgs()[1]!, versionsTable: 'os_versions', tables: names(1) },
  two: { url: lite.cliArgs()[1]!, versionsTable: 'os_versions', tables: names(2) },
});

async function call(method: string, url: string, token?: string): Promise<{ status: number; body: any }> {
  const response = await fetch(url, { method, headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: response.status, body: await response.json() };
}

describe('agno-migrate serve', () => {
  it('knows which addresses are loopback', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', 'LOCALHOST']) expect(isLoopback(host), host).toBe(true);
    for (const host of ['0.0.0.0', '::', '10.0.0.1', '192.168.1.5', 'example.com', '128.0.0.1']) expect(isLoopback(host), host).toBe(false);
  });

  it("serves the config file's databases until SIGTERM, with the key from the file, logging one line per request", async () => {
    const file = writeConfig({ securityKey: KEY, databases: liteDatabases() });
    server = await startServe(['--config', file, '--port', '0']);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await call('POST', `${server.url}/databases/one/migrate`)).toEqual({
      status: 401,
      body: { detail: 'Authorization header required' },
    });
    const migrated = await call('POST', `${server.url}/databases/one/migrate`, KEY);
    expect(migrated.status).toBe(200);
    expect(migrated.body.message).toBe('Database migrated successfully to latest version');
    const rows = await lite.rows('SELECT table_name FROM os_versions ORDER BY table_name');
    // sessions' 3.0.0 step stamps the runs table it creates beside a renamed sessions table (`<sessions>_runs`).
    expect(rows.map((r) => r['table_name'])).toEqual(['cu_1', 'ev_1', 'kn_1', 'mem_1', 'met_1', 'sess_1', 'sess_1_runs']);
    expect((await call('POST', `${server.url}/databases/two/migrate?target_version=2.3.0`, KEY)).status).toBe(200);
    expect((await lite.rows("SELECT version FROM os_versions WHERE table_name = 'mem_2'"))[0]).toEqual({ version: '2.3.0' });

    const code = await server.stop('SIGTERM');
    expect(code).toBe(0);
    const lines = server.stderr().trim().split('\n');
    expect(lines.filter((l) => l.startsWith('POST '))).toEqual([
      expect.stringMatching(/^POST \/databases\/one\/migrate 401 \d+ms$/),
      expect.stringMatching(/^POST \/databases\/one\/migrate 200 \d+ms$/),
      expect.stringMatching(/^POST \/databases\/two\/migrate 200 \d+ms$/),
    ]);
    expect(server.stderr()).not.toContain(KEY);
  });

  it('takes the key from OS_SECURITY_KEY and may then listen beyond loopback', async () => {
    const file = writeConfig({ databases: liteDatabases() });
    server = await startServe(['--config', file, '--host', '0.0.0.0', '--port', '0'], { OS_SECURITY_KEY: KEY });
    const port = new URL(server.url).port;
    expect((await call('GET', `http://127.0.0.1:${port}/databases/one/migrations`)).status).toBe(401);
    expect((await call('GET', `http://127.0.0.1:${port}/databases/one/migrations`, KEY)).status).toBe(200);
    expect(await server.stop('SIGINT')).toBe(0);
  });

  it('refuses a non-loopback address without a key, and a missing or bad config, with exit 2 and one line', () => {
    const file = writeConfig({ databases: liteDatabases() });
    const noKey = { OS_SECURITY_KEY: '' };
    const open = runCli(['serve', '--config', file, '--host', '0.0.0.0', '--port', '0'], noKey);
    expect(open.code).toBe(2);
    expect(open.stderr.trim().split('\n')).toEqual([expect.stringContaining('refusing to listen on 0.0.0.0 without a security key')]);
    const none = runCli(['serve'], noKey);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('serve needs --config <file>');
    const bad = runCli(['serve', '--config', writeConfig({ databases: { one: { url: 'sqlite:x.db', tables: { memories: 1 } } } })], noKey);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toMatch(/databases\.one\.tables\.memories must be a string$/);
    const port = runCli(['serve', '--config', file, '--port', '99999'], noKey);
    expect(port.code).toBe(2);
    expect(port.stderr).toContain('--port takes a port number');
  });

  it('answers two requests for one database at once consistently, in one process', async () => {
    const file = writeConfig({ databases: liteDatabases() });
    server = await startServe(['--config', file, '--port', '0']);
    const [a, b] = await Promise.all([
      call('POST', `${server.url}/databases/one/migrate`),
      call('POST', `${server.url}/databases/one/migrate`),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const outcomes = [a, b].map((r) => r.body.tables.find((t: { tableName: string }) => t.tableName === 'mem_1').outcome).sort();
    expect(outcomes).toEqual(['migrated', 'up-to-date']);
    expect(await server.stop()).toBe(0);
  });

  describe.skipIf(noPostgres)('with a PostgreSQL database in the same config', () => {
    let pgDb: TestDatabase;
    beforeEach(async () => {
      pgDb = await pg.create();
      await createAgno22Database(pgDb, names(9));
    });
    afterEach(() => pgDb.close());

    it('migrates it and all, and never shows the URL password', async () => {
      // Trust authentication ignores the password, so it can stand in for a real one here.
      const withPassword = postgresTestUrl().replace('postgres://postgres@', 'postgres://postgres:pw-serve-4711@');
      const file = writeConfig({ databases: { ...liteDatabases(), pg: { url: withPassword, schema: pgDb.namespace, tables: names(9) } } });
      server = await startServe(['--config', file, '--port', '0']);
      const one = await call('POST', `${server.url}/databases/pg/migrate`);
      expect(one.status).toBe(200);
      const stamp = await pgDb.rows(`SELECT version FROM ${pgDb.qualify('agno_schema_versions')} WHERE table_name = 'mem_9'`);
      expect(stamp).toEqual([{ version: reachedVersion('memories') }]);
      const all = await call('POST', `${server.url}/databases/all/migrate`);
      expect(all).toMatchObject({ status: 200, body: { message: 'All databases migrated successfully to latest version' } });
      expect(await server.stop()).toBe(0);
      expect(server.stderr()).not.toContain('pw-serve-4711');
    });
  });
});
