import { createAgno22Database, DEFAULT_NAMES } from '@agno-migrate/test-infra';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, runNode } from './support/cli-process.js';
import { KINDS, openSubject, skipKind } from './support/databases.js';
import type { Subject } from './support/databases.js';
import { expectNoSecret, parseJsonDocument } from './support/output-checks.js';

const KILLER = fileURLToPath(new URL('./support/kill-after-statement.mjs', import.meta.url));
/**
 * One kill point, inside the first step: whether every statement is a safe place to die, and what
 * the database holds then, is each dialect's conformance suite (test-infra's killed-runs suite).
 * What is the CLI's own is how `up` behaves next.
 */
const KILL_AT = 5;

for (const kind of KINDS) {
  const skip = await skipKind(kind);

  describe.skipIf(skip)(`${kind}: the CLI after a run killed mid-way`, () => {
    const open: Subject[] = [];
    afterEach(async () => {
      for (const s of open.splice(0)) await s.close();
    });

    it('`up --json` exits 0 with status ok, without waiting on the dead run’s lock and without the password in any output', async () => {
      const subject = await openSubject(kind);
      open.push(subject);
      await createAgno22Database(subject.db, DEFAULT_NAMES);
      const killed = await runNode(KILLER, [kind, subject.childLocation(), subject.schema ?? '-', String(KILL_AT)]);
      expect(killed.signal, killed.stderr).toBe('SIGKILL');
      // The default lock timeout: a lock left by the killed process must not be what it waits for.
      const rerun = await runCli(['up', '--json', ...subject.args()]);
      expect(rerun.code, rerun.stderr).toBe(0);
      expect(parseJsonDocument(rerun).status).toBe('ok');
      if (subject.secret) expectNoSecret(rerun, subject.secret);
      const again = await runCli(['up', '--json', ...subject.args()]);
      expect(again.code, again.stderr).toBe(0);
      expect(parseJsonDocument(again).tables.flatMap((t: { steps: unknown[] }) => t.steps)).toEqual([]);
    });
  });
}
