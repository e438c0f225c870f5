import { createAgno22Database, DEFAULT_NAMES, gate, postgresTarget } from '@agno-migrate/test-infra';
import type { TestDatabase } from '@agno-migrate/test-infra';
import { postgresDialect } from '@agno-migrate/dialect-postgres';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectCliRoundTrip } from './round-trip.js';
import { runCli } from './run-cli.js';

const target = postgresTarget((options) => postgresDialect(options));
const { skip } = await gate(target);

describe.skipIf(skip)('agno-migrate on PostgreSQL', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await target.create();
  });
  afterEach(() => db.close());

  it('upgrades a 2.2 schema with up --db postgres://… --schema, then down and up round-trip', async () => {
    await expectCliRoundTrip(db, async () => {
      const types = await db.rows(
        'SELECT data_type FROM information_schema.columns WHERE table_schema = ? AND table_name = ? AND column_name = ?',
        [db.namespace, 'agno_sessions', 'session_data'],
      );
      expect(types[0]?.['data_type']).toBe('jsonb');
    });
  });

  it('exits 3 when duplicate session ids block the primary key', async () => {
    await createAgno22Database(db, DEFAULT_NAMES);
    await db.exec(`ALTER TABLE ${db.qualify('agno_sessions')} DROP CONSTRAINT ${db.quoteIdent('agno_sessions_uq_session_id')}`);
    await db.exec(`INSERT INTO ${db.qualify('agno_sessions')} (session_id, session_type, created_at) VALUES (?, ?, ?)`, ['s1', 'agent', 1]);
    const run = runCli(['up', ...db.cliArgs()]);
    expect(run.code).toBe(3);
    expect(run.stdout).toContain('agno_sessions is blocked');
  });

  it('never prints the password of a URL it cannot use', () => {
    const run = runCli(['status', '--db', 'postgres://agno:s3cr3t-pw@127.0.0.1:1/test']);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr + run.stdout).not.toContain('s3cr3t-pw');
  });
});
