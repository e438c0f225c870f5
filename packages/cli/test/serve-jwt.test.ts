import { sqliteDialect } from '@agno-migrate/dialect-sqlite';
import { createAgno22Database, DEFAULT_NAMES, sqliteTarget } from '@agno-migrate/test-infra';
import type { TestDatabase } from '@agno-migrate/test-infra';
import { exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';
import type { ServeProcess } from './serve-process.js';
import { startServe } from './serve-process.js';

let dir: string;
let lite: TestDatabase;
let server: ServeProcess | undefined;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'agno-serve-jwt-'));
  lite = await sqliteTarget((path) => sqliteDialect({ path })).create();
  await createAgno22Database(lite, DEFAULT_NAMES);
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

async function call(method: string, url: string, token?: string): Promise<{ status: number; body: any }> {
  const response = await fetch(url, { method, headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: response.status, body: await response.json() };
}

describe('agno-migrate serve with AgentOS JWT authorization', () => {
  it('takes jwt from the config file, lists remote databases as skipped, and refuses tokens without config:write', async () => {
    const { publicKey, privateKey } = await generateKeyPair('ES256');
    const sign = (scopes: string[]) =>
      new SignJWT({ sub: 'ci', scopes }).setProtectedHeader({ alg: 'ES256' }).setAudience('os-1').setExpirationTime('5m').sign(privateKey);
    const file = writeConfig({
      jwt: { verificationKeys: [await exportSPKI(publicKey)], algorithm: 'ES256', verifyAudience: true, audience: 'os-1' },
      databases: { main: { url: lite.cliArgs()[1]! } },
      remoteDatabases: ['elsewhere'],
    });
    server = await startServe(['--config', file, '--port', '0']);
    expect(await call('POST', `${server.url}/databases/all/migrate`)).toEqual({
      status: 401,
      body: { detail: 'Authorization header missing' },
    });
    expect((await call('POST', `${server.url}/databases/all/migrate`, await sign(['config:read']))).status).toBe(403);
    const done = await call('POST', `${server.url}/databases/all/migrate`, await sign(['config:write']));
    expect(done).toMatchObject({
      status: 200,
      body: { message: 'All databases migrated successfully to latest version', skipped: ['elsewhere'] },
    });
    expect((await call('POST', `${server.url}/databases/elsewhere/migrate`, await sign(['config:write']))).status).toBe(400);
  });

  it('stops at start-up with one line for a JWT key that cannot be used', async () => {
    const file = writeConfig({ jwt: { verificationKeys: ['not a pem'] }, databases: { main: { url: lite.cliArgs()[1]! } } });
    const run = await runCli(['serve', '--config', file, '--port', '0']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/verification key must be a PEM public key/);
  });

  it('rejects a malformed jwt section and a remote id that is also served', async () => {
    const bad = writeConfig({ jwt: { verificationKeys: 'x' }, databases: { main: { url: lite.cliArgs()[1]! } } });
    expect((await runCli(['serve', '--config', bad, '--port', '0'])).stderr).toMatch(/jwt.verificationKeys must be a non-empty list/);
    const both = writeConfig({ databases: { main: { url: lite.cliArgs()[1]! } }, remoteDatabases: ['main'] });
    expect((await runCli(['serve', '--config', both, '--port', '0'])).stderr).toMatch(/remoteDatabases.main: also in databases/);
  });
});
