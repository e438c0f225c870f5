import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { createV1Fixture, V1_NAMES } from '@agno-migrate/test-infra';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from './support/cli-process.js';
import type { ProcessRun } from './support/cli-process.js';
import { KINDS, openSubject, skipKind } from './support/databases.js';
import type { Subject } from './support/databases.js';
import { expectNoSecret, expectOneErrorLine, parseJsonDocument } from './support/output-checks.js';

const RUNS = 4;
const TIMEOUT_MS = 120_000;
const SOURCES = ['--agent-sessions', V1_NAMES.agentSessions, '--team-sessions', V1_NAMES.teamSessions, '--memories', V1_NAMES.memories];

interface TableJson {
  readonly inserted: number;
  readonly updated: number;
  readonly kept: number;
}

const inserted = (run: ProcessRun) => (parseJsonDocument(run) as { tables: TableJson[] }).tables.reduce((n, t) => n + t.inserted, 0);

async function v2Rows(subject: Subject): Promise<unknown[]> {
  const q = (n: string) => subject.db.quoteIdent(n);
  return [
    ...(await subject.db.rows(
      `SELECT ${q('session_id')}, ${q('updated_at')} FROM ${subject.db.qualify('agno_sessions')} ORDER BY ${q('session_id')}`,
    )),
    ...(await subject.db.rows(
      `SELECT ${q('memory_id')}, ${q('updated_at')} FROM ${subject.db.qualify('agno_memories')} ORDER BY ${q('memory_id')}`,
    )),
  ].map((row) => JSON.stringify(row));
}

for (const kind of KINDS) {
  const skip = await skipKind(kind);

  describe.skipIf(skip)(`${kind}: concurrent v1-to-v2 runs`, () => {
    const open: Subject[] = [];
    const subject = async () => {
      const s = await openSubject(kind);
      open.push(s);
      return s;
    };
    afterEach(async () => {
      for (const s of open.splice(0)) await s.close();
    });

    it(
      `${RUNS} processes at once: all exit 0, one copies every row, the others keep them`,
      async () => {
        const raced = await subject();
        const clean = await subject();
        await createV1Fixture(raced.db, V1_NAMES);
        await createV1Fixture(clean.db, V1_NAMES);
        const single = await runCli(['v1-to-v2', '--json', ...clean.args(), ...SOURCES]);
        expect(single.code, single.stderr).toBe(0);

        const runs = await Promise.all(Array.from({ length: RUNS }, () => runCli(['v1-to-v2', '--json', ...raced.args(), ...SOURCES])));
        for (const run of runs) {
          expect(run.code, run.stderr).toBe(0);
          if (raced.secret) expectNoSecret(run, raced.secret);
        }
        expect(runs.map(inserted).sort()).toEqual([0, 0, 0, inserted(single)]);
        for (const run of runs) {
          for (const t of (parseJsonDocument(run) as { tables: TableJson[] }).tables) expect(t.updated).toBe(0);
        }
        expect(await v2Rows(raced)).toEqual(await v2Rows(clean));
      },
      TIMEOUT_MS,
    );
  });
}

describe.skipIf(await skipKind('sqlite'))('sqlite: the v1-to-v2 run lock', () => {
  const open: Subject[] = [];
  afterEach(async () => {
    for (const s of open.splice(0)) await s.close();
  });

  it(
    'a live holder makes the next run wait, then exit 4 naming it; a killed holder never blocks',
    async () => {
      const db = await openSubject('sqlite');
      open.push(db);
      await createV1Fixture(db.db, V1_NAMES);
      const first = await runCli(['v1-to-v2', '--json', ...db.args(), ...SOURCES]);
      expect(first.code, first.stderr).toBe(0);
      const lock = db.db.qualify('agno_v1_to_v2_lock');
      // This test process is alive on this host: a run it holds the lock for cannot be taken over.
      await db.db.exec(`INSERT INTO ${lock} (lock_name, holder, host, pid, expires_at) VALUES (?, ?, ?, ?, ?)`, [
        'agno-migrate:v1-to-v2:',
        'someone',
        hostname(),
        process.pid,
        Date.now() + 3_600_000,
      ]);
      const blocked = await runCli(['v1-to-v2', '--lock-timeout', '1', ...db.args(), ...SOURCES]);
      expectOneErrorLine(blocked, 4, new RegExp(`another run holds this database \\(pid ${process.pid} on `));

      // A holder that died without releasing: a process of ours that has exited, its lease unexpired.
      const gone = spawnSync(process.execPath, ['-e', '']).pid!;
      await db.db.exec(`UPDATE ${lock} SET pid = ?`, [gone]);
      const next = await runCli(['v1-to-v2', '--json', '--lock-timeout', '1', ...db.args(), ...SOURCES]);
      expect(next.code, next.stderr).toBe(0);
      expect(await db.db.rows(`SELECT * FROM ${lock}`)).toEqual([]);
    },
    TIMEOUT_MS,
  );
});
