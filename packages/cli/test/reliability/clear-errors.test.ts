import { randomBytes } from 'node:crypto';
import { mysqlLockName } from '@agno-migrate/dialect-mysql';
import { postgresDialect } from '@agno-migrate/dialect-postgres';
import mysql from 'mysql2/promise';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from './support/cli-process.js';
import { openSubject, skipKind } from './support/databases.js';
import type { Subject } from './support/databases.js';
import { expectNoSecret, expectOneErrorLine } from './support/output-checks.js';
import { VERSIONS_TABLE } from '@agno-migrate/test-infra';

const TIMEOUT_MS = 90_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const open: Subject[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});
async function subject(kind: 'postgres' | 'mysql'): Promise<Subject> {
  const s = await openSubject(kind);
  open.push(s);
  return s;
}

describe.skipIf(await skipKind('mysql'))('mysql: errors that say what happened', () => {
  it(
    'a run whose connection is killed says the session ended, not "is MySQL running?"',
    async () => {
      const db = await subject('mysql');
      const user = decodeURIComponent(new URL(db.url).username);
      // The run waits for the lock the test holds, so its connection is there to be killed.
      const name = mysqlLockName(`agno-migrate:${db.schema}:${VERSIONS_TABLE}`);
      const [got] = await db.db.rows('SELECT GET_LOCK(?, 0) AS got', [name]);
      expect(Number(got?.['got'])).toBe(1);
      try {
        const run = runCli(['up', '--create-missing', '--lock-timeout', '60', ...db.args()]);
        let id: number | undefined;
        for (let i = 0; i < 200 && id === undefined; i++) {
          await sleep(100);
          const rows = await db.db.rows(
            "SELECT ID AS id FROM information_schema.PROCESSLIST WHERE USER = ? AND DB = ? AND INFO LIKE 'SELECT GET_LOCK%'",
            [user, db.schema],
          );
          if (rows[0]) id = Number(rows[0]['id']);
        }
        expect(id, 'the run never waited for the lock').toBeDefined();
        await db.db.exec(`KILL CONNECTION ${id}`);
        const result = await run;
        expectOneErrorLine(result, 1, /ended the session/);
        expect(result.stderr).not.toMatch(/is MySQL running|is MariaDB running/);
        expectNoSecret(result, db.secret!);
      } finally {
        await db.db.rows('SELECT RELEASE_LOCK(?) AS released', [name]);
      }
    },
    TIMEOUT_MS,
  );

  it(
    'a user without CREATE gets one sentence naming the user, the privilege and the GRANT',
    async () => {
      const db = await subject('mysql');
      const admin = new URL(db.url);
      const root = await mysql.createConnection({ host: admin.hostname, port: Number(admin.port || 3306), user: 'root' });
      const name = `agno_rel_ro_${randomBytes(3).toString('hex')}`;
      const hosts = ['%', 'localhost', '127.0.0.1'];
      try {
        for (const host of hosts) {
          await root.query('CREATE USER ?@? IDENTIFIED BY ?', [name, host, 'pw-for-no-create']);
          await root.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON \`${db.schema}\`.* TO ?@?`, [name, host]);
        }
        const url = new URL(db.url);
        url.username = name;
        url.password = 'pw-for-no-create';
        const run = await runCli(['up', '--create-missing', '--db', url.toString(), '--schema', db.schema!]);
        expectOneErrorLine(
          run,
          1,
          new RegExp(
            `the MySQL user '${name}'@'[^']+' has no CREATE privilege on ${db.schema}\\.agno_schema_versions: grant it what a migration needs \\(GRANT CREATE, ALTER, INDEX, SELECT, INSERT, UPDATE, DELETE ON \`${db.schema}\`\\.\\* TO '${name}'@'[^']+'\\)`,
          ),
        );
      } finally {
        for (const host of hosts) await root.query('DROP USER IF EXISTS ?@?', [name, host]);
        await root.end();
      }
    },
    TIMEOUT_MS,
  );
});

describe.skipIf(await skipKind('postgres'))('postgres: errors that say what happened', () => {
  it(
    'a role without CREATE on the schema gets one sentence naming the versions table, the role and what to grant',
    async () => {
      const db = await subject('postgres');
      const url = new URL(db.url);
      const admin = await postgresDialect({ url: db.url }).connector.connect();
      const role = `agno_rel_ro_${randomBytes(3).toString('hex')}`;
      try {
        await admin.query(`CREATE ROLE "${role}" LOGIN`, []);
        await admin.query(`GRANT USAGE ON SCHEMA "${db.schema}" TO "${role}"`, []);
        url.username = role;
        const run = await runCli(['up', '--create-missing', '--db', url.toString(), '--schema', db.schema!]);
        expectOneErrorLine(
          run,
          1,
          new RegExp(
            `^error: the versions table agno_schema_versions could not be created: permission denied for schema ${db.schema}: grant user "${role}" USAGE and CREATE on schema "${db.schema}" and SELECT, INSERT, UPDATE and DELETE on its tables`,
          ),
        );
        expect(run.stderr).not.toContain('the user for user');
        // Nothing was done to any table: none is named as the one that failed.
        expect(run.stderr).not.toContain('failed on');
      } finally {
        await admin.query(`REVOKE ALL ON SCHEMA "${db.schema}" FROM "${role}"`, []).catch(() => {});
        await admin.query(`DROP ROLE IF EXISTS "${role}"`, []);
        await admin.close();
      }
    },
    TIMEOUT_MS,
  );
});
