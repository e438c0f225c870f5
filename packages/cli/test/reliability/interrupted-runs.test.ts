import { spawn } from 'node:child_process';
import { mysqlLockName } from '@agno-migrate/dialect-mysql';
import { createAgno22Database, createV1Fixture, DEFAULT_NAMES, V1_NAMES, reachedVersion } from '@agno-migrate/test-infra';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI_BIN, runCli } from './support/cli-process.js';
import type { ProcessRun } from './support/cli-process.js';
import { openSubject, skipKind } from './support/databases.js';
import { slowBackfill } from './support/slow-backfill.js';
import type { Subject } from './support/databases.js';
import { VERSIONS_TABLE } from '@agno-migrate/test-infra';

const TIMEOUT_MS = 180_000;
/** Memories the 2.3.0 backfill updates; with the slow trigger each takes half a second (30 s in all). */
const ROWS = 60;
const postgresSlow = (subject: Subject) => slowBackfill(subject, ROWS);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The CLI as its own process, with its handle: these tests signal it (and only it). */
function start(args: readonly string[]): { child: ReturnType<typeof spawn>; done: Promise<ProcessRun> } {
  const child = spawn(process.execPath, [CLI_BIN, ...args], {
    env: { ...process.env, NO_COLOR: '1', AGNO_DB_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const guard = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
  const done = new Promise<ProcessRun>((resolve) => {
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      resolve({ code, signal, stdout, stderr });
    });
  });
  return { child, done };
}

/** Polls `probe` until it returns a value (a hang guard, not a timing assertion). */
async function until<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 600; i++) {
    const found = await probe();
    if (found !== undefined) return found;
    await sleep(100);
  }
  throw new Error(`gave up waiting: ${what}`);
}

async function memoriesVersion(subject: Subject): Promise<string | undefined> {
  const rows = await subject.db
    .rows(`SELECT version FROM ${subject.db.qualify(VERSIONS_TABLE)} WHERE table_name = ?`, ['agno_memories'])
    .catch(() => []);
  return rows[0] ? String(rows[0]['version']) : undefined;
}

describe.skipIf(await skipKind('mysql'))('mysql: an interrupted up leaves nothing running', () => {
  const open: Subject[] = [];
  afterEach(async () => {
    for (const s of open.splice(0)) await s.close();
  });

  it(
    'SIGTERM while a statement runs: KILL QUERY stops it on the server, the session ends, exit 143; up again succeeds',
    async () => {
      const subject = await openSubject('mysql');
      open.push(subject);
      const db = subject.db;
      await createAgno22Database(db, DEFAULT_NAMES);
      const user = decodeURIComponent(new URL(subject.url).username);
      // The statement in flight is the run's wait for the lock this test holds (MariaDB's triggers
      // cannot make a backfill slow): a statement the server would otherwise keep running for 60 s.
      const name = mysqlLockName(`agno-migrate:${subject.schema}:${VERSIONS_TABLE}`);
      const [got] = await db.rows('SELECT GET_LOCK(?, 0) AS got', [name]);
      expect(Number(got?.['got'])).toBe(1);
      let released = false;
      try {
        const run = start(['up', '--lock-timeout', '60', ...subject.args()]);
        const session = await until(async () => {
          const rows = await db.rows(
            "SELECT ID AS id FROM information_schema.PROCESSLIST WHERE USER = ? AND DB = ? AND INFO LIKE 'SELECT GET_LOCK%'",
            [user, subject.schema],
          );
          return rows[0] ? Number(rows[0]['id']) : undefined;
        }, 'the run to wait for the lock');
        run.child.kill('SIGTERM');
        const stopped = await run.done;
        expect(stopped.code, stopped.stderr).toBe(143);
        expect(stopped.stderr).toMatch(/SIGTERM received, stopping: the statement in flight is cancelled \(DDL already run stays/);
        expect(stopped.stderr).toMatch(/^error: /m);
        await until(async () => {
          const rows = await db.rows('SELECT 1 AS found FROM information_schema.PROCESSLIST WHERE ID = ?', [session]);
          return rows.length === 0 ? true : undefined;
        }, 'the session of the stopped run to end');
        await db.rows('SELECT RELEASE_LOCK(?) AS released', [name]);
        released = true;
        const again = await runCli(['up', '--lock-timeout', '10', ...subject.args()]);
        expect(again.code, again.stderr).toBe(0);
        expect(await memoriesVersion(subject)).toBe(reachedVersion('memories'));
      } finally {
        if (!released) await db.rows('SELECT RELEASE_LOCK(?) AS released', [name]);
      }
    },
    TIMEOUT_MS,
  );
});

for (const [kind, slowDown, notice] of [
  ['postgres', postgresSlow, /SIGTERM received, stopping: the statement in flight is cancelled and its transaction rolled back/],
] as const) {
  const skip = await skipKind(kind);

  describe.skipIf(skip)(`${kind}: an interrupted up leaves nothing running`, () => {
    const open: Subject[] = [];
    afterEach(async () => {
      for (const s of open.splice(0)) await s.close();
    });

    it(
      'SIGTERM during a long backfill: the statement is cancelled on the server, the lock released, exit 143; up again succeeds',
      async () => {
        const subject = await openSubject(kind);
        open.push(subject);
        const slow = await slowDown(subject);
        const run = start(['up', ...subject.args()]);
        const session = await until(() => slow.backfill(), 'the backfill to start');
        run.child.kill('SIGTERM');
        const stopped = await run.done;
        expect(stopped.code, stopped.stderr).toBe(143);
        expect(stopped.stderr).toMatch(notice);
        expect(stopped.stderr).toMatch(/^error: /m);
        expect(stopped.stderr).not.toMatch(/^\s+at /m);
        // The server is not left running the statement the process was cancelled in.
        await until(async () => ((await slow.busy(session)) ? undefined : true), 'the cancelled statement to end');
        expect(await memoriesVersion(subject)).not.toBe(reachedVersion('memories'));

        await subject.db.exec(`DELETE FROM ${subject.db.qualify('slow_flag')}`);
        const again = await runCli(['up', '--lock-timeout', '10', ...subject.args()]);
        expect(again.code, again.stderr).toBe(0);
        expect(await memoriesVersion(subject)).toBe(reachedVersion('memories'));
      },
      TIMEOUT_MS,
    );

    // MySQL has no way to notice a client that died mid-statement: after SIGKILL it finishes the
    // statement first (documented in the README), so only PostgreSQL is held to this.
    it(
      'SIGKILL during a long backfill: the server aborts the orphaned statement, and up --lock-timeout 10 succeeds',
      async () => {
        const subject = await openSubject(kind);
        open.push(subject);
        const slow = await slowDown(subject);
        const run = start(['up', ...subject.args()]);
        const orphan = await until(() => slow.backfill(), 'the backfill to start');
        run.child.kill('SIGKILL');
        expect((await run.done).signal).toBe('SIGKILL');

        // The orphan, left running, would hold the run lock for the rest of its 30 s backfill.
        const again = start(['up', '--lock-timeout', '10', ...subject.args()]);
        const finished = Promise.race([
          again.done.then(() => undefined),
          until(() => slow.backfill(orphan), 'the next run to reach the backfill'),
        ]);
        if ((await finished) !== undefined) await subject.db.exec(`DELETE FROM ${subject.db.qualify('slow_flag')}`);
        const result = await again.done;
        expect(result.code, result.stderr).toBe(0);
        expect(await slow.busy(orphan)).toBe(false);
        expect(await memoriesVersion(subject)).toBe(reachedVersion('memories'));
      },
      TIMEOUT_MS,
    );
  });
}

describe.skipIf(await skipKind('postgres'))('postgres: an interrupted v1-to-v2', () => {
  const open: Subject[] = [];
  afterEach(async () => {
    for (const s of open.splice(0)) await s.close();
  });

  it(
    'SIGTERM during a batch write: cancelled, no row blamed, exit 143; the next run completes the copy',
    async () => {
      const subject = await openSubject('postgres');
      open.push(subject);
      const db = subject.db;
      await createV1Fixture(db, V1_NAMES);
      // v1-to-v2 writes Agno 2.x sessions (runs in the row): the table it writes into is made at 2.5.6.
      const init = await runCli(['init', '--target', '2.5.6', '--table-type', 'sessions', ...subject.args()]);
      expect(init.code, init.stderr).toBe(0);
      await db.exec(`CREATE TABLE ${db.qualify('slow_flag')} (${db.quoteIdent('on')} INTEGER)`);
      await db.exec(`INSERT INTO ${db.qualify('slow_flag')} VALUES (1)`);
      const fn = `${db.quoteIdent(subject.schema!)}.${db.quoteIdent('slow_insert')}`;
      await db.exec(
        `CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ` +
          `IF EXISTS (SELECT 1 FROM ${db.qualify('slow_flag')}) THEN PERFORM pg_sleep(2); END IF; RETURN NEW; END $$`,
      );
      await db.exec(`CREATE TRIGGER slow_insert BEFORE INSERT ON ${db.qualify('agno_sessions')} FOR EACH ROW EXECUTE FUNCTION ${fn}()`);
      const sources = ['--agent-sessions', V1_NAMES.agentSessions, '--team-sessions', V1_NAMES.teamSessions];
      const run = start(['v1-to-v2', ...subject.args(), ...sources]);
      await until(async () => {
        const rows = await db.rows(
          "SELECT pid FROM pg_stat_activity WHERE application_name = 'agno-migrate' AND state = 'active' AND query LIKE 'INSERT INTO %' AND query LIKE ?",
          [`%"${subject.schema}"."agno_sessions"%`],
        );
        return rows[0] ? true : undefined;
      }, 'the first batch write');
      run.child.kill('SIGTERM');
      const stopped = await run.done;
      expect(stopped.code, stopped.stderr).toBe(143);
      expect(stopped.stderr).toMatch(/SIGTERM received, stopping/);
      expect(stopped.stderr).not.toMatch(/at v1 row/);
      const rows = await db.rows(`SELECT COUNT(*) AS n FROM ${db.qualify('agno_sessions')}`);
      expect(Number(rows[0]?.['n'])).toBe(0);

      await db.exec(`DELETE FROM ${db.qualify('slow_flag')}`);
      const again = await runCli(['v1-to-v2', '--json', ...subject.args(), ...sources]);
      expect(again.code, again.stderr).toBe(0);
      expect(JSON.parse(again.stdout).totals).toMatchObject({ read: 7, skipped: 0 });
    },
    TIMEOUT_MS,
  );
});
