import { ConfigurationError } from '@agno-migrate/core';
import { describe, expect, it } from 'vitest';
import { parseSinglestoreUrl, singlestoreDialect } from '../../src/index.js';

describe('SingleStore URLs and the default database', () => {
  it('parses singlestore:// (and mysql://) as the MySQL protocol it is', () => {
    expect(parseSinglestoreUrl('singlestore://admin:p%40ss@svc-1.example:3333/agents')).toEqual({
      scheme: 'singlestore',
      host: 'svc-1.example',
      port: 3333,
      user: 'admin',
      password: 'p@ss',
      database: 'agents',
    });
    expect(parseSinglestoreUrl('mysql://root@127.0.0.1/app')).toMatchObject({ scheme: 'singlestore', port: 3306, database: 'app' });
  });

  it('refuses other schemes and malformed URLs without repeating a password', () => {
    expect(() => parseSinglestoreUrl('postgres://a@b/c')).toThrow(/must start with singlestore:\/\//);
    const malformed = (() => {
      try {
        parseSinglestoreUrl('singlestore://user:Hunter2@[bad');
      } catch (error) {
        return error as Error;
      }
      return null;
    })();
    expect(malformed).toBeInstanceOf(ConfigurationError);
    expect(malformed!.message).not.toContain('Hunter2');
  });

  it("uses the URL's database, never Agno's `agno`, unless a schema is given", () => {
    expect(singlestoreDialect('singlestore://u@h/app').namespace).toBe('app');
    expect(singlestoreDialect({ url: 'singlestore://u@h/app', schema: 'other' }).namespace).toBe('other');
    expect(singlestoreDialect('singlestore://u:pw@h:3307/app').displayTarget).toBe('singlestore://u@h:3307/app');
  });

  it('asks for a database when the URL names none', () => {
    expect(() => singlestoreDialect('singlestore://u@h')).toThrow(ConfigurationError);
    expect(() => singlestoreDialect('singlestore://u@h')).toThrow(
      'the SingleStore URL names no database: put it in the URL (singlestore://user@host:3306/mydb) or pass --schema',
    );
  });

  it("takes a caller's client's configured database (mysql2 promise pool and connection shapes)", () => {
    const client = { escape: String, query: async () => [[]] as const };
    const pool = { pool: { config: { connectionConfig: { database: 'from_pool' } } }, getConnection: async () => client };
    const connection = { ...client, connection: { config: { database: 'from_conn' } } };
    expect(singlestoreDialect({ client: pool as never }).namespace).toBe('from_pool');
    expect(singlestoreDialect({ client: connection as never }).namespace).toBe('from_conn');
    expect(() => singlestoreDialect({ client: client as never })).toThrow(
      /has no database configured: configure one on it, or pass `schema`/,
    );
    expect(singlestoreDialect({ client: client as never, schema: 'given' }).displayTarget).toBe('singlestore:(client)/given');
  });

  it('needs exactly one of url and client', () => {
    expect(() => singlestoreDialect({})).toThrow('the SingleStore dialect needs exactly one of `url` and `client`');
  });
});
