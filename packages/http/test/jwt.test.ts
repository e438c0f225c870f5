import { MigrationManager } from '@agno-migrate/core';
import { sqliteDialect } from '@agno-migrate/dialect-sqlite';
import { createAgno22Database, DEFAULT_NAMES, sqliteTarget } from '@agno-migrate/test-infra';
import type { TestDatabase } from '@agno-migrate/test-infra';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMigrationHandler } from '../src/index.js';
import type { JwtOptions, MigrationHandlerOptions } from '../src/index.js';
import type { Loopback } from './serve-on-loopback.js';
import { serveOnLoopback } from './serve-on-loopback.js';

type Keys = Awaited<ReturnType<typeof generateKeyPair>>;
let signer: Keys;
let stranger: Keys;
let publicPem: string;
const SECRET = 'a-shared-secret-of-thirty-two-bytes!!';

beforeAll(async () => {
  signer = await generateKeyPair('RS256', { extractable: true });
  stranger = await generateKeyPair('RS256', { extractable: true });
  publicPem = await exportSPKI(signer.publicKey);
});

let db: TestDatabase;
let server: Loopback | undefined;
beforeEach(async () => {
  db = await sqliteTarget((path) => sqliteDialect({ path })).create();
  await createAgno22Database(db, DEFAULT_NAMES);
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  await db.close();
});

async function start(jwt: JwtOptions, options: Partial<MigrationHandlerOptions> = {}): Promise<Loopback> {
  server = await serveOnLoopback(
    createMigrationHandler({
      databases: { main: { open: () => new MigrationManager(db.dialect()) } },
      securityKey: '',
      jwt,
      ...options,
    }),
  );
  return server;
}

interface Claims {
  scopes?: unknown;
  aud?: string | string[];
  exp?: number;
  sub?: string;
}

async function token(
  claims: Claims,
  key: Parameters<SignJWT['sign']>[0] = signer.privateKey,
  alg = 'RS256',
  kid?: string,
): Promise<string> {
  const { exp, aud, ...rest } = claims;
  let jwt = new SignJWT({ sub: 'deployer', ...rest }).setProtectedHeader({ alg, ...(kid ? { kid } : {}) }).setIssuedAt();
  if (aud !== undefined) jwt = jwt.setAudience(aud);
  jwt = jwt.setExpirationTime(exp ?? Math.floor(Date.now() / 1000) + 600);
  return jwt.sign(key);
}

const unsigned = (payload: object) =>
  `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.`;

describe('AgentOS JWT authorization (RS256 public key)', () => {
  it('migrates with config:write, and with the legacy system:write or the admin scope', async () => {
    const http = await start({ verificationKeys: [publicPem] });
    for (const scopes of [['config:write'], ['system:write'], 'config:write', ['agent_os:admin'], ['config:*:write']]) {
      const response = await http.post('/databases/main/migrate', { token: await token({ scopes }) });
      expect(response.status, JSON.stringify(scopes)).toBe(200);
    }
  });

  it('refuses a wrong scope with 403 and the scope it needs; the read-only routes need config:read', async () => {
    const http = await start({ verificationKeys: [publicPem] });
    const reader = await token({ scopes: ['config:read'] });
    expect(await http.post('/databases/main/migrate', { token: reader })).toEqual({
      status: 403,
      body: { detail: 'Insufficient permissions. Required scope(s): config:write' },
    });
    expect(
      await http.post('/databases/all/migrate', { token: await token({ scopes: ['agents:write', 'config:main:write'] }) }),
    ).toMatchObject({ status: 403 });
    expect(await http.post('/databases/main/migrate', { token: await token({}) })).toMatchObject({ status: 403 });
    expect((await http.get('/databases/main/migrations', reader)).status).toBe(200);
    expect((await http.get('/databases/main/migrations/pending', await token({ scopes: ['system:read'] }))).status).toBe(200);
    expect(await http.get('/databases/main/migrations', await token({ scopes: ['config:write'] }))).toEqual({
      status: 403,
      body: { detail: 'Insufficient permissions. Required scope(s): config:read' },
    });
    // Nothing was migrated by the refused requests.
    expect(await db.rows('SELECT name FROM sqlite_master WHERE name = ?', ['agno_schema_versions'])).toEqual([]);
  });

  it('refuses expired tokens, tokens signed by another key, alg none and garbage with 401 and AgentOS details', async () => {
    const http = await start({ verificationKeys: [publicPem] });
    const scopes = ['config:write'];
    const cases: [string, string][] = [
      [await token({ scopes, exp: Math.floor(Date.now() / 1000) - 60 }), 'Token has expired'],
      [await token({ scopes }, stranger.privateKey), 'Invalid token: Signature verification failed'],
      [unsigned({ sub: 'x', scopes, exp: Math.floor(Date.now() / 1000) + 600 }), 'Invalid token: The specified alg value is not allowed'],
      [await token({ scopes }, new TextEncoder().encode(SECRET), 'HS256'), 'Invalid token: The specified alg value is not allowed'],
      ['not-a-jwt', 'Invalid token: Not enough segments'],
    ];
    for (const [bad, message] of cases) {
      expect(await http.post('/databases/main/migrate', { token: bad }), message).toEqual({ status: 401, body: { detail: message } });
    }
    expect(await http.post('/databases/main/migrate')).toEqual({ status: 401, body: { detail: 'Authorization header missing' } });
    expect(await db.rows('SELECT name FROM sqlite_master WHERE name = ?', ['agno_schema_versions'])).toEqual([]);
  });

  it('tolerates ten seconds of clock skew, as AgentOS does', async () => {
    const http = await start({ verificationKeys: [publicPem] });
    const justExpired = await token({ scopes: ['config:write'], exp: Math.floor(Date.now() / 1000) - 3 });
    expect((await http.post('/databases/main/migrate', { token: justExpired })).status).toBe(200);
  });

  it('checks the audience only when asked, then refuses any other with 401', async () => {
    const open = await start({ verificationKeys: [publicPem] });
    expect((await open.post('/databases/main/migrate', { token: await token({ scopes: ['config:write'], aud: 'other-os' }) })).status).toBe(
      200,
    );
    await server!.close();
    server = undefined;
    const strict = await start({ verificationKeys: [publicPem], verifyAudience: true, audience: 'my-os' });
    const refused = { status: 401, body: { detail: 'Invalid token audience - token not valid for this AgentOS instance' } };
    expect(await strict.post('/databases/main/migrate', { token: await token({ scopes: ['config:write'], aud: 'other-os' }) })).toEqual(
      refused,
    );
    expect(await strict.post('/databases/main/migrate', { token: await token({ scopes: ['config:write'] }) })).toEqual(refused);
    expect(
      (await strict.post('/databases/main/migrate', { token: await token({ scopes: ['config:write'], aud: ['x', 'my-os'] }) })).status,
    ).toBe(200);
  });

  it('takes the bare token as AgentOS does, and still the security key when one is set', async () => {
    const http = await start({ verificationKeys: [publicPem] }, { securityKey: 'deploy-key' });
    const bare = await token({ scopes: ['config:write'] });
    expect((await http.post('/databases/main/migrate', { headers: { authorization: bare } })).status).toBe(200);
    expect((await http.post('/databases/main/migrate', { token: 'deploy-key' })).status).toBe(200);
    expect((await http.post('/databases/main/migrate', { token: 'wrong-key' })).status).toBe(401);
    expect((await http.get('/health')).status).toBe(200);
  });
});

describe('AgentOS JWT authorization: other key sources', () => {
  it('HS256 with a shared secret', async () => {
    const http = await start({ verificationKeys: [SECRET], algorithm: 'HS256' });
    const key = new TextEncoder().encode(SECRET);
    expect((await http.post('/databases/main/migrate', { token: await token({ scopes: ['config:write'] }, key, 'HS256') })).status).toBe(
      200,
    );
    const other = new TextEncoder().encode('another-secret-another-secret-xx');
    expect((await http.post('/databases/main/migrate', { token: await token({ scopes: ['config:write'] }, other, 'HS256') })).status).toBe(
      401,
    );
    // A token signed with the RS256 key is refused: one algorithm only.
    expect((await http.post('/databases/main/migrate', { token: await token({ scopes: ['config:write'] }) })).status).toBe(401);
  });

  it('a JWKS file, the key chosen by kid', async () => {
    const jwk = { ...(await exportJWK(signer.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    const dir = mkdtempSync(join(tmpdir(), 'agno-jwks-'));
    const file = join(dir, 'jwks.json');
    writeFileSync(file, JSON.stringify({ keys: [jwk] }));
    const http = await start({ jwksFile: file });
    expect(
      (await http.post('/databases/main/migrate', { token: await token({ scopes: ['config:write'] }, signer.privateKey, 'RS256', 'k1') }))
        .status,
    ).toBe(200);
    expect(
      (await http.post('/databases/main/migrate', { token: await token({ scopes: ['config:write'] }, stranger.privateKey, 'RS256', 'k1') }))
        .status,
    ).toBe(401);
  });

  it('reads JWT_VERIFICATION_KEY when no JWT options are given; jwt: false turns it off', async () => {
    const saved = { ...process.env };
    process.env['JWT_VERIFICATION_KEY'] = publicPem;
    try {
      server = await serveOnLoopback(
        createMigrationHandler({ databases: { main: { open: () => new MigrationManager(db.dialect()) } }, securityKey: '' }),
      );
      expect((await server.post('/databases/main/migrate')).status).toBe(401);
      expect((await server.post('/databases/main/migrate', { token: await token({ scopes: ['config:write'] }) })).status).toBe(200);
      await server.close();
      server = await serveOnLoopback(
        createMigrationHandler({ databases: { main: { open: () => new MigrationManager(db.dialect()) } }, securityKey: '', jwt: false }),
      );
      expect((await server.post('/databases/main/migrate')).status).toBe(200);
    } finally {
      process.env = saved;
    }
  });

  it('refuses to be configured with alg none or without any key', () => {
    expect(() =>
      createMigrationHandler({ databases: {}, securityKey: '', jwt: { verificationKeys: [SECRET], algorithm: 'none' } }),
    ).toThrow(/cannot be "none"/);
    expect(() => createMigrationHandler({ databases: {}, securityKey: '', jwt: {} })).toThrow(/needs a verification key/);
    expect(() =>
      createMigrationHandler({ databases: {}, securityKey: '', jwt: { verificationKeys: [publicPem], verifyAudience: true } }),
    ).toThrow(/needs jwt.audience/);
  });
});
