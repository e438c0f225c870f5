import { LEARNINGS_IRREVERSIBLE, MigrationManager, userEntityId } from '@agno-migrate/core';
import type { ManagerOptions, RekeyReport, RunResult } from '@agno-migrate/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestDatabase, TestTarget } from '../target.js';
import type { LearningFixture } from '../fixtures/learnings.js';
import {
  ALICE,
  BOB,
  createLearningsTable,
  EXPECTED_REKEY_REPORT,
  facts,
  insertLearnings,
  LEARNINGS_FIXTURE,
  LEARNINGS_TABLE,
  learningsSnapshot,
  legacy,
} from '../fixtures/learnings.js';

const NOW = new Date('2026-01-02T03:04:05Z');
const NOW_S = Math.floor(NOW.getTime() / 1000);
const TABLE = LEARNINGS_TABLE;

/** The re-key's report out of a run result. */
export function rekeyReport(result: RunResult): RekeyReport {
  const table = result.tables.find((t) => t.tableType === 'learnings');
  const op = table?.steps.flatMap((s) => s.operations).find((o) => o.report !== undefined);
  return op!.report as unknown as RekeyReport;
}

/** Agno 3.0's learnings re-key on a real database: every bucket, dry run, idempotence, kills, the refused down. */
export function runLearningsRekeySuite(target: TestTarget, options: { readonly skip: boolean }): void {
  describe.skipIf(options.skip)(`${target.name}: learnings re-key at 3.0.0`, () => {
    let db: TestDatabase;
    const managers: MigrationManager[] = [];
    const manager = (opts: ManagerOptions = {}) => {
      const m = new MigrationManager(db.dialect(), { now: () => NOW, lockTimeoutMs: 5000, ...opts });
      managers.push(m);
      return m;
    };
    const q = (name: string) => db.quoteIdent(name);

    const insert = (rows: readonly LearningFixture[] = LEARNINGS_FIXTURE) => insertLearnings(db, rows);
    const snapshot = () => learningsSnapshot(db);
    const version = async () =>
      (
        await db
          .rows(`SELECT ${q('version')} FROM ${db.qualify('agno_schema_versions')} WHERE ${q('table_name')} = ?`, [TABLE])
          .catch(() => [])
      )[0]?.['version'] ?? null;
    const stampAt = async (v: string) => {
      const m = manager();
      await m.up({ tableType: 'learnings', targetVersion: v });
    };

    beforeEach(async () => {
      db = await target.create();
      await createLearningsTable(db);
    });
    afterEach(async () => {
      for (const m of managers.splice(0)) await m.close();
      await db.close();
    });

    it('sorts every row into its bucket, moves what it can, and stamps 3.0.0 in the same transaction', async () => {
      await insert();
      const before = await snapshot();
      const result = await manager().up({ tableType: 'learnings' });
      expect(result.status).toBe('ok');
      expect(result.tables[0]).toMatchObject({ outcome: 'migrated', to: '3.0.0' });
      const { counts, ...report } = rekeyReport(result) as RekeyReport & { counts: Record<string, number> };
      expect({ ...report, malformed: [...report.malformed].sort() }).toEqual({ ...EXPECTED_REKEY_REPORT, dry_run: false });
      expect(counts).toEqual({
        rekeyed: 1,
        merged: 1,
        quarantined: 1,
        contaminated: 1,
        contaminated_keyed: 1,
        unowned: 1,
        malformed: 3,
        conflicts: 1,
        failed: 0,
        purged: 0,
      });
      expect(await version()).toBe('3.0.0');

      const after = await snapshot();
      const acme = userEntityId('acme', 'company', ALICE);
      expect(after[legacy('acme')]).toBeUndefined();
      expect(after[acme]).toEqual({ ...before[legacy('acme')], created_at: NOW_S, updated_at: NOW_S });

      const globex = userEntityId('globex', 'company', ALICE);
      expect(after[legacy('globex')]).toBeUndefined();
      expect(after[globex]).toMatchObject({ created_at: 100, updated_at: NOW_S, metadata: { kept: true } });
      expect((after[globex]!.content as { facts: { content: string }[] }).facts.map((f) => f.content)).toEqual([
        'old fact',
        'Shared  fact',
        'new fact',
      ]);

      expect(after[legacy('initech')]).toBeUndefined();
      expect(after['entity_quarantined_user_company_initech']).toEqual({
        ...before[legacy('initech')],
        namespace: 'quarantined_user',
        created_at: NOW_S,
        updated_at: NOW_S,
      });

      // Rows only reported are left exactly as they were.
      for (const id of [
        legacy('umbrella'),
        legacy('hooli'),
        'entity_user_person_',
        legacy('stark'),
        userEntityId('stark', 'company', BOB),
        userEntityId('wayne', 'company', BOB),
        userEntityId('acme', 'company', BOB),
        'entity_global_company_acme',
        'user_profile_alice',
      ]) {
        expect(after[id], id).toEqual(before[id]);
      }
      // The merged source is gone; the re-keyed and quarantined rows only changed keys.
      expect(Object.keys(after)).toHaveLength(Object.keys(before).length - 1);
    });

    it('a dry run computes the same buckets and writes nothing', async () => {
      await insert();
      const before = await snapshot();
      const result = await manager().up({ tableType: 'learnings', dryRun: true });
      const report = rekeyReport(result);
      // Agno's dry run reads the target as it is: a taken key is reported merged, an unparseable one too.
      expect(report).toMatchObject({
        dry_run: true,
        scanned: 11,
        keyed: 2,
        rekeyed: [legacy('acme')],
        quarantined: [legacy('initech')],
        unowned: [legacy('umbrella')],
        failed: [],
      });
      expect([...report.merged].sort()).toEqual([legacy('globex'), legacy('stark')]);
      expect(await snapshot()).toEqual(before);
      expect(await version()).toBeNull();
    });

    it('is idempotent: a second run moves nothing and reports what is left', async () => {
      await insert();
      await manager().up({ tableType: 'learnings' });
      const once = await snapshot();
      const again = await manager().up({ tableType: 'learnings', force: true });
      const report = rekeyReport(again);
      expect(report).toMatchObject({
        rekeyed: [],
        merged: [],
        quarantined: [],
        contaminated: [],
        failed: [],
        purged: [],
        conflicts: [legacy('stark')],
        unowned: [legacy('umbrella')],
      });
      expect(report.keyed).toBe(3);
      expect(await snapshot()).toEqual(once);
    });

    it('purges contaminated and unowned rows only when asked', async () => {
      await insert();
      const result = await manager().up({ tableType: 'learnings', purgeUnrecoverable: true });
      const report = rekeyReport(result);
      expect([...report.purged].sort()).toEqual([legacy('initech'), legacy('umbrella')]);
      expect(report.quarantined).toEqual([]);
      const after = await snapshot();
      expect(after[legacy('initech')]).toBeUndefined();
      expect(after[legacy('umbrella')]).toBeUndefined();
      expect(after['entity_quarantined_user_company_initech']).toBeUndefined();
    });

    it('walks many pages without skipping or re-counting the rows it creates', async () => {
      const many: LearningFixture[] = Array.from({ length: 1203 }, (_, i) => ({
        id: legacy(`e${i}`),
        user: `user-${i % 7}`,
        entity: `e${i}`,
        content: facts(`user-${i % 7}`, `fact ${i}`),
      }));
      await insert(many);
      const report = rekeyReport(await manager().up({ tableType: 'learnings' }));
      expect(report.scanned).toBe(1203);
      expect(report.rekeyed).toHaveLength(1203);
      const ids = Object.keys(await snapshot());
      expect(ids).toHaveLength(1203);
      expect(ids.every((id) => /^entity_user_[0-9a-f]{16}_company_e\d+$/.test(id))).toBe(true);
    }, 120_000);

    it('down refuses with Agno’s reason and keeps the 3.0.0 stamp', async () => {
      await insert();
      await manager().up({ tableType: 'learnings' });
      const before = await snapshot();
      const result = await manager().down({ tableType: 'learnings', targetVersion: '2.5.6' });
      expect(result.status).toBe('blocked');
      expect(result.tables[0]).toMatchObject({
        outcome: 'blocked',
        to: '3.0.0',
        reason: LEARNINGS_IRREVERSIBLE,
        blocked: { check: 'irreversible' },
      });
      expect(result.tables[0]!.blocked!.count).toBe(5);
      expect(await version()).toBe('3.0.0');
      expect(await snapshot()).toEqual(before);
    });

    it('down passes when no row holds a per-user key: nothing could collide', async () => {
      await insertLearnings(db, [LEARNINGS_FIXTURE.find((r) => r.id === legacy('umbrella'))!]);
      await manager().up({ tableType: 'learnings' });
      const before = await snapshot();
      const result = await manager().down({ tableType: 'learnings', targetVersion: '2.5.6' });
      expect(result.status).toBe('ok');
      expect(result.tables[0]).toMatchObject({ outcome: 'migrated', to: '2.5.6' });
      expect(await version()).toBe('2.5.6');
      expect(await snapshot()).toEqual(before);
    });

    it('status names rows still on pre-3.0 keys, whatever the stamp, until the re-key has run', async () => {
      await insert();
      await stampAt('2.5.6');
      const pending = (await manager().status({ tableType: 'learnings' })).tables[0]!;
      expect(pending.pending).toEqual(['3.0.0']);
      expect(pending.notices?.[0]).toMatch(/^7 entity memories of namespace "user" still hold pre-3\.0 keys/);
      await manager().up({ tableType: 'learnings' });
      const done = (await manager().status({ tableType: 'learnings' })).tables[0]!;
      expect(done.pending).toEqual([]);
      // What the re-key only reports (unowned, malformed, a conflict) keeps its old key.
      expect(done.notices?.[0]).toMatch(/^4 entity memories of namespace "user" kept pre-3\.0 keys after the re-key/);
    });
  });
}
