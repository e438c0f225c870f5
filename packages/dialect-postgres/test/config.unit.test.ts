import { ConfigurationError } from '@agno-migrate/core';
import { describe, expect, it } from 'vitest';
import { postgresDialect } from '../src/index.js';
import { toPgValue } from '../src/postgres-connector.js';
import { displayUrl, parsePostgresUrl } from '../src/postgres-url.js';

describe('PostgreSQL connection options', () => {
  it('parses user, password, host, port, database and sslmode', () => {
    const s = parsePostgresUrl('postgresql://ag%40no:p%2Fw%3Ad@db.example.com:6543/agno%20db?sslmode=require', {});
    expect(s).toMatchObject({
      host: 'db.example.com',
      port: 6543,
      user: 'ag@no',
      password: 'p/w:d',
      database: 'agno db',
      sslmode: 'require',
    });
    expect(s.ssl).toEqual({ rejectUnauthorized: false });
  });

  it('maps sslmode the way node-postgres can follow libpq', () => {
    const ssl = (mode: string) => parsePostgresUrl(`postgres://u@h/d?sslmode=${mode}`, {}).ssl;
    expect(ssl('disable')).toBe(false);
    expect(ssl('prefer')).toBe(false);
    expect(ssl('verify-full')).toEqual({ rejectUnauthorized: true });
    expect(ssl('verify-ca')).toMatchObject({ rejectUnauthorized: true });
    expect(() => ssl('sometimes')).toThrow(ConfigurationError);
  });

  it('falls back to PGPASSWORD, PGUSER, PGDATABASE and port 5432 like libpq', () => {
    const s = parsePostgresUrl('postgres://db.internal', { PGPASSWORD: 'from-env', PGUSER: 'svc', PGDATABASE: 'agno' });
    expect(s).toMatchObject({ host: 'db.internal', port: 5432, user: 'svc', password: 'from-env', database: 'agno' });
    expect(parsePostgresUrl('postgres://u:in-url@h/d', { PGPASSWORD: 'from-env' }).password).toBe('in-url');
    expect(parsePostgresUrl('postgres://u@h', {}).database).toBe('u');
    expect(parsePostgresUrl('postgres://u@[::1]:5433/d', {}).host).toBe('::1');
  });

  it('refuses what it cannot honour, without echoing the password', () => {
    const attempt = (url: string) => {
      try {
        parsePostgresUrl(url, {});
        return '';
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigurationError);
        return (error as Error).message;
      }
    };
    expect(attempt('mysql://u:hunter22@h/d')).toContain('postgres://');
    expect(attempt('postgres://u:hunter22@h:99999/d')).toMatch(/malformed|port/);
    expect(attempt('postgres://u:hunter22@h/d?sslcert=x')).toMatch(/sslcert/);
    for (const url of [
      'mysql://u:hunter22@h/d',
      'postgres://u:hunter22@h:99999/d',
      'postgres://u:hunter22@h/d?x=1',
      'postgres://u:hunter22@h:port/d',
    ]) {
      expect(attempt(url)).not.toContain('hunter22');
    }
  });

  it('displayTarget never contains the password', () => {
    const dialect = postgresDialect({ url: 'postgres://agno:hunter22@db:5433/app?sslmode=disable', schema: 'tenant_a' });
    expect(dialect.displayTarget).toBe('postgres://agno@db:5433/app (schema tenant_a)');
    expect(displayUrl(parsePostgresUrl('postgres://x:y@[::1]/d', {}))).toBe('postgres://x@[::1]:5432/d');
    const fake = { connect: async () => ({ query: async () => ({ rows: [], rowCount: 0 }), release: () => {} }) };
    expect(postgresDialect({ pool: fake }).displayTarget).toBe("postgres (caller's pool) (schema ai)");
  });

  it('validates schema and connect timeout', () => {
    expect(() => postgresDialect({ url: 'postgres://u@h/d', schema: '' })).toThrow(ConfigurationError);
    expect(() => postgresDialect({ url: 'postgres://u@h/d', schema: 'x'.repeat(64) })).toThrow(/63 bytes/);
    expect(() => postgresDialect({ url: 'postgres://u@h/d', connectTimeoutMs: 0 })).toThrow(/connectTimeoutMs/);
    expect(() => postgresDialect({ url: 'postgres://u@h/d', connectTimeoutMs: Infinity })).toThrow(/connectTimeoutMs/);
    expect(() => postgresDialect({} as never)).toThrow(/url, a pg.Pool/);
  });

  it('binds JSON documents as JSON text (pg would send a JS array as a PostgreSQL array)', () => {
    expect(toPgValue(['a', 1])).toBe('["a",1]');
    expect(toPgValue({ a: [1] })).toBe('{"a":[1]}');
    expect(toPgValue(7)).toBe(7);
    expect(toPgValue(undefined)).toBe(null);
    expect(toPgValue(10n)).toBe('10');
    const date = new Date(0);
    expect(toPgValue(date)).toBe(date);
  });
});
