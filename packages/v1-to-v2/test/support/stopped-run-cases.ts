import type { TestDatabase, TestTarget } from '@agno-migrate/test-infra';
import { createV1Fixture, V1_NAMES } from '@agno-migrate/test-infra';
import { expect, it } from 'vitest';
import { migrateV1ToV2, V1MigrationError } from '../../src/index.js';
import { expectedSessions } from './expected-v2.js';
import { count } from './read-v2.js';
import type { SuiteOptions } from './suite-helpers.js';
import {
  NOW,
  workflowV2Sessions,
  firstRun,
  seedOwnedRow,
  migrateAll,
  finalState,
  CHANGED,
  applicationEdits,
  byKind,
} from './suite-helpers.js';

/** Runs stopped part-way, by the caller or by a write error, and resumed: registered inside the suite's describe. */
export function stoppedRunCases(target: TestTarget, current: () => TestDatabase, options: SuiteOptions): void {
  it("a re-run stopped part-way and resumed keeps the application's changes too", async () => {
    const db = current();
    await migrateAll(db);
    await applicationEdits(db);
    const edited = await finalState(db);
    let batches = 0;
    const stop = new Error('stopped on purpose');
    await expect(
      migrateV1ToV2(
        db.dialect(),
        firstRun({
          batchSize: 1,
          onProgress: (event) => {
            if (event.type === 'batch' && ++batches === 2) throw stop;
          },
        }),
      ),
    ).rejects.toBe(stop);
    expect(await finalState(db)).toEqual(edited);

    const resumed = await migrateV1ToV2(db.dialect(), firstRun({ batchSize: 1 }));
    expect(await finalState(db)).toEqual(edited);
    const agent = byKind(resumed)['agentSessions']!;
    expect(agent.resumed).toEqual({ afterKey: 'a-huge', rowsBefore: 2 });
    expect(agent).toMatchObject({ read: 5, inserted: 0, updated: 0, kept: 4, skipped: 1 });
    expect(agent.keptReasons[CHANGED]!.count).toBe(1);
  });

  it('a resumed run skips the copies the stopped run finished, reporting them as done', async () => {
    const db = current();
    const stop = new Error('stopped on purpose');
    let memoryBatches = 0;
    await expect(
      migrateV1ToV2(
        db.dialect(),
        firstRun({
          batchSize: 1,
          onProgress: (event) => {
            if (event.type === 'batch' && event.kind === 'memories' && ++memoryBatches === 2) throw stop;
          },
        }),
      ),
    ).rejects.toBe(stop);
    await applicationEdits(db);
    const edited = await finalState(db);

    const resumed = await migrateV1ToV2(db.dialect(), firstRun({ batchSize: 1 }));
    const tables = byKind(resumed);
    for (const kind of ['agentSessions', 'teamSessions', 'workflowSessions'] as const) {
      expect(tables[kind]).toMatchObject({ status: 'done', alreadyDone: true, updated: 0, kept: 0 });
    }
    expect(tables['agentSessions']).toMatchObject({ read: 5, inserted: 4, skipped: 1 });
    expect(tables['memories']).toMatchObject({ status: 'done', alreadyDone: false, read: 4, inserted: 3, updated: 0, skipped: 1 });
    expect(tables['memories']!.resumed).toEqual({ afterKey: 'm2', rowsBefore: 2 });
    const after = await finalState(db);
    expect(after.sessions).toEqual(edited.sessions);
    expect(after.memories['m1']).toEqual(edited.memories['m1']);
  });

  it('a run stopped after two batches continues where it stopped and ends as a clean run does', async () => {
    const db = current();
    let batches = 0;
    const stop = new Error('stopped on purpose');
    const crash = migrateV1ToV2(
      db.dialect(),
      firstRun({
        batchSize: 1,
        onProgress: (event) => {
          if (event.type === 'batch' && ++batches === 2) throw stop;
        },
      }),
    );
    await expect(crash).rejects.toBe(stop);
    expect(await count(db, 'agno_sessions')).toBe(3);

    const resumed = await migrateV1ToV2(db.dialect(), firstRun({ batchSize: 1 }));
    const agent = byKind(resumed)['agentSessions']!;
    expect(agent.resumed).toEqual({ afterKey: 'a-huge', rowsBefore: 2 });
    expect(agent).toMatchObject({ read: 5, inserted: 4, skipped: 1 });
    await migrateV1ToV2(db.dialect(), { workflowSessions: workflowV2Sessions, now: NOW });
    const afterResume = await finalState(db);

    const clean = await target.create();
    try {
      await createV1Fixture(clean, V1_NAMES);
      await seedOwnedRow(clean);
      await migrateAll(clean);
      expect(afterResume).toEqual(await finalState(clean));
    } finally {
      await clean.close();
    }
  });

  it('a write error stops the run naming the table and the row; fixing it and re-running completes the copy', async () => {
    const db = current();
    const refusal = options.refuseInsert(db, 'agno_sessions', 't-full');
    for (const statement of refusal.create) await db.exec(statement);
    const failed = await migrateV1ToV2(db.dialect(), firstRun()).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(V1MigrationError);
    const error = failed as V1MigrationError;
    expect(error.exitCode).toBe(1);
    expect(error.message).toMatch(/from (\S+\.)?team_sessions failed/);
    expect(error.message).toContain('session_id="t-full"');
    expect(error.message).toContain('refused by trigger');
    expect(error.report.status).toBe('failed');
    expect(error.report.tables.map((t) => `${t.kind}:${t.status}`)).toEqual([
      'agentSessions:done',
      'teamSessions:failed',
      'workflowSessions:not-run',
      'memories:not-run',
    ]);
    expect(error.report.error).toMatchObject({ key: 't-full' });

    for (const statement of refusal.drop) await db.exec(statement);
    await migrateV1ToV2(db.dialect(), firstRun());
    await migrateV1ToV2(db.dialect(), { workflowSessions: workflowV2Sessions, now: NOW });
    const { 'a-owned': _owned, ...migrated } = (await finalState(db)).sessions;
    expect(migrated).toEqual(expectedSessions());
  });
}
