import { randomBytes } from 'node:crypto';
import { mysqlLockName } from '@agno-migrate/dialect-mysql';
import { postgresDialect } from '@agno-migrate/dialect-postgres';
import { createAgno22Database, DEFAULT_NAMES, reachedVersion } from '@agno-migrate/test-infra';
import mysql from 'mysql2/promise';
import { describe, expect, it } from 'vitest';
import { runCli, runNode, CLI_BIN } from './support/cli-process.js';
import { openSubject, skipKind } from './support/databases.js';
import type { Subject } from './support/databases.js';
import { expectOneErrorLine } from './support/output-checks.js';
import { slowBackfill } from './support/slow-backfill.js';
import { VERSIONS_TABLE } from '@agno-migrate/test-infra';

const TIMEOUT_MS = 120_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function version(subject: Subject, table: string): Promise<string | undefined> {
  const rows = await subject.db
    .rows(`SELECT version FROM ${subject.db.qualify(VERSIONS_TABLE)} WHERE table_name = ?`, [table])
    .catch(() => []);
  return rows[0] ? String(rows[0]['version']) : undefined;
}

/**
 * A PostgreSQL role as managed services hand out, with its own statement_timeout and lock_timeout
 * (1 s each), owning the subject's schema and tables so it can migrate them. Dropped afterwards.
 */
async function withLimitedRole(subject: Subject, body: (url: string) => Promise<void>): Promise<void> {
  const admin = await postgresDialect({ url: subject.url }).connector.connect();
  const role = `agno_rel_lim_${randomBytes(3).toString('hex')}`;
  const schema = `"${subject.schema}"`;
  try {
    await admin.query(`CREATE ROLE "${role}" LOGIN`, []);
    await admin.query(`ALTER ROLE "${role}" SET statement_timeout = '1s'`, []);
    await admin.query(`ALTER ROLE "${role}" SET lock_timeout = '1s'`, []);
    await admin.query(`GRANT USAGE, CREATE ON SCHEMA ${schema} TO "${role}"`, []);
    const tables = await admin.query('SELECT tablename FROM pg_tables WHERE schemaname = $1', [subject.schema]);
    for (const t of tables.rows) await admin.query(`ALTER TABLE ${schema}."${t['tablename']}" OWNER TO "${role}"`, []);
    const url = new URL(subject.url);
    url.username = role;
    await body(url.toString());
  } finally {
    // The schema goes first (with everything the role owns in it), then the role.
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`, []);
    await admin.query(`DROP ROLE IF EXISTS "${role}"`, []);
    await admin.close();
    await subject.close();
  }
}

describe.skipIf(await skipKind('postgres'))('postgres: the limits a role sets', () => {
  it(
    "a role's statement_timeout does not stop a long step: the session lifts it, and a dry run says so",
    async () => {
      const subject = await openSubject('postgres');
      // Six rows at half a second: a 3 s backfill, three times the role's statement_timeout.
      await slowBackfill(subject, 6);
      await withLimitedRole(subject, async (url) => {
        const dry = await runCli(['up', '--dry-run', '--db', url, '--schema', subject.schema!]);
        expect(dry.code, dry.stderr).toBe(0);
        expect(dry.stdout).toContain('-- each session of the run first sets: SET statement_timeout = 0');
        const run = await runCli(['up', '--db', url, '--schema', subject.schema!]);
        expect(run.code, run.stderr).toBe(0);
        expect(await version(subject, 'agno_memories')).toBe(reachedVersion('memories'));
      });
    },
    TIMEOUT_MS,
  );

  it(
    'a table locked elsewhere never makes the run wait forever: it tries in short waits until --lock-timeout, then exits 4',
    async () => {
      const subject = await openSubject('postgres');
      await createAgno22Database(subject.db, DEFAULT_NAMES);
      await withLimitedRole(subject, async (url) => {
        const holder = await postgresDialect({ url: subject.url }).connector.connect();
        try {
          await holder.query('BEGIN', []);
          await holder.query(`LOCK TABLE "${subject.schema}"."agno_memories" IN ACCESS SHARE MODE`, []);
          const run = await runNode(CLI_BIN, ['up', '--db', url, '--schema', subject.schema!, '--lock-timeout', '3'], {
            killAfterMs: 60_000,
          });
          expectOneErrorLine(run, 4, /agno_memories stayed locked by another session/);
        } finally {
          await holder.query('ROLLBACK', []).catch(() => {});
          await holder.close();
        }
      });
    },
    TIMEOUT_MS,
  );
});

describe.skipIf(await skipKind('mysql'))('mysql: the limits a user sets', () => {
  it(
    "a user's statement time limit does not stop a long statement: the session lifts it, and a dry run says so",
    async () => {
      const subject = await openSubject('mysql');
      const server = new URL(subject.url);
      const root = await mysql.createConnection({ host: server.hostname, port: Number(server.port || 3306), user: 'root' });
      const name = `agno_rel_lim_${randomBytes(3).toString('hex')}`;
      const hosts = ['%', 'localhost', '127.0.0.1'];
      const lock = mysqlLockName(`agno-migrate:${subject.schema}:${VERSIONS_TABLE}`);
      try {
        await createAgno22Database(subject.db, DEFAULT_NAMES);
        for (const host of hosts) {
          // MariaDB's per-user limit (MySQL's max_execution_time is a session or global setting).
          await root.query('CREATE USER ?@? IDENTIFIED BY ? WITH MAX_STATEMENT_TIME 1', [name, host, 'pw-limited']);
          await root.query(`GRANT ALL PRIVILEGES ON \`${subject.schema}\`.* TO ?@?`, [name, host]);
        }
        const url = new URL(subject.url);
        url.username = name;
        url.password = 'pw-limited';
        const args = ['--db', url.toString(), '--schema', subject.schema!];
        const dry = await runCli(['up', '--dry-run', ...args]);
        expect(dry.stdout).toContain('-- each session of the run first sets: SET SESSION max_execution_time = 0');

        // The long statement: the run's wait for a lock this test holds for three seconds.
        const [got] = await subject.db.rows('SELECT GET_LOCK(?, 0) AS got', [lock]);
        expect(Number(got?.['got'])).toBe(1);
        const run = runCli(['up', '--lock-timeout', '60', ...args]);
        for (let i = 0; i < 300; i++) {
          const rows = await subject.db.rows(
            "SELECT TIME AS t FROM information_schema.PROCESSLIST WHERE USER = ? AND INFO LIKE 'SELECT GET_LOCK%'",
            [name],
          );
          if (rows[0] && Number(rows[0]['t']) >= 3) break;
          await sleep(100);
        }
        await subject.db.rows('SELECT RELEASE_LOCK(?) AS released', [lock]);
        const result = await run;
        expect(result.code, result.stderr).toBe(0);
        expect(await version(subject, 'agno_memories')).toBe(reachedVersion('memories'));
      } finally {
        await subject.db.rows('SELECT RELEASE_LOCK(?) AS released', [lock]).catch(() => {});
        for (const host of hosts) await root.query('DROP USER IF EXISTS ?@?', [name, host]);
        await root.end();
        await subject.close();
      }
    },
    TIMEOUT_MS,
  );
});
