import { mysqlLockName } from '@agno-migrate/dialect-mysql';
import { postgresDialect } from '@agno-migrate/dialect-postgres';
import { createAgno22Database, DEFAULT_NAMES } from '@agno-migrate/test-infra';
import { runAsync } from '@agno-migrate/core';
import { sqliteDialect } from '@agno-migrate/dialect-sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from './support/cli-process.js';
import type { ProcessRun } from './support/cli-process.js';
import { KINDS, openSubject, skipKind } from './support/databases.js';
import type { Kind, Subject } from './support/databases.js';
import { expectNoSecret, expectOneErrorLine, parseJsonDocument } from './support/output-checks.js';
import { epochNow, snapshot, VERSIONS_TABLE } from '@agno-migrate/test-infra';

const DEPLOYS = 8;
/** Generous: eight Node processes on a loaded two-core machine; a hang still fails. */
const TIMEOUT_MS = 120_000;

interface StepJson {
  readonly from: string;
  readonly to: string;
}
interface TableJson {
  readonly tableName: string;
  readonly outcome: string;
  readonly steps: readonly StepJson[];
}

/** Every (table, step) a run applied, from its --json result. */
function appliedSteps(run: ProcessRun): string[] {
  const result = parseJsonDocument(run) as { tables: TableJson[] };
  return result.tables.flatMap((t) => t.steps.map((s) => `${t.tableName} ${s.from}→${s.to}`));
}

/** The name the manager locks: per namespace and versions table. */
function lockName(subject: Subject): string {
  return `agno-migrate:${subject.schema ?? ''}:${VERSIONS_TABLE}`;
}

const holders: Record<Kind, (subject: Subject) => Promise<{ release(): Promise<void>; names: RegExp }>> = {
  /** BEGIN IMMEDIATE from another connection: SQLite's write lock, which is the run's lock. */
  async sqlite(subject) {
    const other = sqliteDialect({ path: subject.childLocation() }).connector.connectSync();
    other.querySync!('BEGIN IMMEDIATE', []);
    return {
      names: /another process is writing to this SQLite database/,
      async release() {
        other.querySync!('ROLLBACK', []);
        other.closeSync!();
      },
    };
  },
  /** The session advisory lock, taken by the dialect's own code on a connection of its own. */
  async postgres(subject) {
    const dialect = postgresDialect({ url: subject.url, schema: subject.schema! });
    const connection = await dialect.connector.connect();
    await runAsync(dialect.lock.acquire({ name: lockName(subject), timeoutMs: 5000 }), connection);
    await connection.query('SELECT set_config($1, $2, false)', ['application_name', 'deploy-holding-the-lock']);
    const [row] = (await connection.query('SELECT pg_backend_pid() AS pid', [])).rows;
    const pid = Number(row?.['pid']);
    return {
      names: new RegExp(`pid ${pid}, application "deploy-holding-the-lock", user "[^"]+", from [0-9a-f.:]+\\)`),
      release: () => connection.close(),
    };
  },
  /** GET_LOCK on the test's own connection; IS_USED_LOCK tells the tool which connection that is. */
  async mysql(subject) {
    const name = mysqlLockName(lockName(subject));
    const [got] = await subject.db.rows('SELECT GET_LOCK(?, 0) AS got, CONNECTION_ID() AS id', [name]);
    expect(Number(got?.['got'])).toBe(1);
    return {
      names: new RegExp(`\\(connection ${Number(got?.['id'])}, [^@\\s]+@`),
      async release() {
        await subject.db.rows('SELECT RELEASE_LOCK(?) AS released', [name]);
      },
    };
  },
};

for (const kind of KINDS) {
  const skip = await skipKind(kind);

  describe.skipIf(skip)(`${kind}: racing deploys`, () => {
    const open: Subject[] = [];
    const subject = async () => {
      const s = await openSubject(kind);
      open.push(s);
      return s;
    };
    afterEach(async () => {
      for (const s of open.splice(0)) await s.close();
    });

    // That the lock lets one run do each step and the end state is one clean run's is each
    // dialect's conformance suite (test-infra's racing suite); here: what each process says.
    it(
      `${DEPLOYS} processes run up at once: all exit 0 with nothing on stderr, one reports the steps, the others none`,
      async () => {
        const raced = await subject();
        await createAgno22Database(raced.db, DEFAULT_NAMES);

        const runs = await Promise.all(Array.from({ length: DEPLOYS }, () => runCli(['up', '--json', ...raced.args()])));
        for (const run of runs) {
          expect(run.code, run.stderr).toBe(0);
          expect(run.stderr).toBe('');
          if (raced.secret) expectNoSecret(run, raced.secret);
        }
        const applied = runs.map(appliedSteps).filter((steps) => steps.length > 0);
        expect(applied).toHaveLength(1);
        expect(applied[0]!.length).toBeGreaterThan(6);
        expect(new Set(applied[0]).size).toBe(applied[0]!.length);
      },
      TIMEOUT_MS,
    );

    it(
      'the lock held elsewhere and a short --lock-timeout: exit 4, saying who holds it where the database can tell, nothing changed',
      async () => {
        const since = epochNow();
        const db = await subject();
        await createAgno22Database(db.db, DEFAULT_NAMES);
        const before = await snapshot(db.db, since);
        const holder = await holders[kind](db);
        let run: ProcessRun;
        try {
          run = await runCli(['up', '--lock-timeout', '1', ...db.args()]);
        } finally {
          await holder.release();
        }
        expectOneErrorLine(run, 4, holder.names);
        expect(run.stdout).toBe('');
        if (db.secret) expectNoSecret(run, db.secret);
        expect(await snapshot(db.db, since)).toEqual(before);

        const json = await runCli(['up', '--json', ...db.args()]);
        expect(json.code, json.stderr).toBe(0);
      },
      TIMEOUT_MS,
    );
  });
}
