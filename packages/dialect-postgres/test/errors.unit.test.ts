import { ConfigurationError, DatabaseError, LockTimeoutError } from '@agno-migrate/core';
import { describe, expect, it } from 'vitest';
import { postgresDialect } from '../src/index.js';
import { markConnecting } from '../src/postgres-errors.js';

const dialect = postgresDialect({ url: 'postgres://agno:hunter22secret@db.example:5433/app', schema: 'ai' });

/** Shaped like node-postgres' DatabaseError / Node's network errors. */
const pgError = (code: string, message: string) => Object.assign(new Error(message), { code });

function translate(error: unknown): DatabaseError {
  const translated = dialect.errors.translate(error);
  expect(translated).toBeInstanceOf(DatabaseError);
  expect(translated.message).not.toContain('hunter22secret');
  return translated as DatabaseError;
}

describe('PostgreSQL error translation', () => {
  it('wrong password → authentication, naming the user and where to fix it', () => {
    const e = translate(pgError('28P01', 'password authentication failed for user "agno"'));
    expect(e.code).toBe('database.authentication');
    expect(e.message).toBe(
      'PostgreSQL at db.example:5433 rejected the password for user "agno": check the password in the URL or in PGPASSWORD',
    );
    expect(e.details['sqlState']).toBe('28P01');
  });

  it('pg_hba refusal and a missing password → authentication', () => {
    expect(translate(pgError('28000', 'no pg_hba.conf entry for host "10.0.0.1"')).code).toBe('database.authentication');
    expect(translate(new Error('SASL: SCRAM-SERVER-FIRST-MESSAGE: client password must be a string')).code).toBe('database.authentication');
  });

  it('unknown database and unknown schema', () => {
    const db = translate(pgError('3D000', 'database "app" does not exist'));
    expect(db.code).toBe('database.unknown-database');
    expect(db.message).toContain('database "app" does not exist on PostgreSQL at db.example:5433');
    const schema = translate(pgError('3F000', 'schema "ai" does not exist'));
    expect(schema.message).toContain('schema "ai" does not exist');
    expect(schema.message).toContain('agno-migrate init');
  });

  it('network failures → connection, asking whether PostgreSQL runs there', () => {
    for (const error of [
      pgError('ECONNREFUSED', 'connect ECONNREFUSED 10.1.1.1:5433'),
      new Error('Connection terminated due to connection timeout'),
      pgError('ETIMEDOUT', 'connect ETIMEDOUT'),
    ]) {
      const e = translate(error);
      expect(e.code).toBe('database.connection');
      expect(e.message).toContain('is PostgreSQL running at db.example:5433?');
    }
    expect(translate(pgError('57P01', 'terminating connection due to administrator command')).message).toContain('run the command again');
    // Broken while being opened: never reached. Broken later: a session that existed ended.
    expect(translate(markConnecting(pgError('ECONNRESET', 'read ECONNRESET')) as Error).message).toContain('is PostgreSQL running');
    expect(translate(markConnecting(new Error('Connection terminated unexpectedly')) as Error).message).toContain('cannot reach');
    for (const broken of [new Error('Connection terminated unexpectedly'), pgError('ECONNRESET', 'read ECONNRESET')]) {
      const e = translate(broken);
      expect(e.code).toBe('database.connection');
      expect(e.message).toMatch(
        /^PostgreSQL at db\.example:5433 ended the session \(.*\): the interrupted step was rolled back; run the command again$/,
      );
    }
    expect(translate(pgError('ENOTFOUND', 'getaddrinfo ENOTFOUND db.example')).message).toContain('check the host name');
  });

  it('a missing CREATE privilege reads as one sentence naming the user and what to grant', () => {
    expect(translate(pgError('42501', 'permission denied for schema ai')).message).toBe(
      'permission denied for schema ai: grant user "agno" USAGE and CREATE on schema "ai" and SELECT, INSERT, UPDATE and DELETE on its tables (altering a table needs its owner)',
    );
    expect(translate(pgError('42501', 'permission denied for database app')).message).toMatch(/; grant it to user "agno"$/);
  });

  it('a cancelled statement (cancel request, statement_timeout) says the step was rolled back', () => {
    const e = translate(pgError('57014', 'canceling statement due to statement timeout'));
    expect(e.code).toBe('database.interrupted');
    expect(e.message).toContain('rolled back');
  });

  it('permission, undefined table, read-only, lock contention, anything else', () => {
    const denied = translate(pgError('42501', 'permission denied for schema ai'));
    expect(denied.code).toBe('database.permission');
    expect(denied.message).toContain('permission denied for schema ai');
    expect(translate(pgError('42501', 'permission denied for database app')).message).toContain('needs CREATE on the database');
    expect(translate(pgError('42P01', 'relation "ai.x" does not exist')).code).toBe('database.undefined-table');
    expect(translate(pgError('25006', 'cannot execute ALTER TABLE in a read-only transaction')).code).toBe('database.read-only');
    expect(translate(pgError('55P03', 'canceling statement due to lock timeout')).code).toBe('database.busy');
    const other = translate(pgError('22P02', 'invalid input syntax for type json'));
    expect(other.code).toBe('database.other');
    expect(other.message).toBe('PostgreSQL: invalid input syntax for type json (SQLSTATE 22P02)');
  });

  it('scrubs the password if a driver message ever carries it', () => {
    const e = translate(new Error('could not use postgres://agno:hunter22secret@db.example/app or hunter22secret'));
    expect(e.message).toContain('***');
  });

  it('passes typed errors through unchanged', () => {
    const lock = new LockTimeoutError('held');
    const config = new ConfigurationError('bad');
    expect(dialect.errors.translate(lock)).toBe(lock);
    expect(dialect.errors.translate(config)).toBe(config);
  });

  it('recognises an undefined table by SQLSTATE 42P01 only', () => {
    expect(dialect.errors.isUndefinedTable(pgError('42P01', 'relation does not exist'))).toBe(true);
    expect(dialect.errors.isUndefinedTable(pgError('3F000', 'schema does not exist'))).toBe(false);
    expect(dialect.errors.isUndefinedTable(new Error('relation does not exist'))).toBe(false);
  });
});
