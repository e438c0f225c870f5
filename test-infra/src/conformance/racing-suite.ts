import { MigrationManager } from '@agno-migrate/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createAgno22Database } from '../fixtures/index.js';
import { DEFAULT_NAMES } from '../fixtures/table-names.js';
import type { TestDatabase, TestTarget } from '../target.js';
import { appliedSteps, describeChild, runInChild } from './processes/child-run.js';
import { epochNow, snapshot } from './processes/snapshot.js';

/** Deploys started at once, each a process of its own (SQLite's waiting writer blocks its whole thread). */
const DEPLOYS = 4;

/** Racing deploys: the run lock lets exactly one do the work, the others find nothing left to do. */
export function runRacingSuite(target: TestTarget, options: { readonly skip: boolean }): void {
  describe.skipIf(options.skip)(`${target.name}: racing deploys`, () => {
    const open: TestDatabase[] = [];
    const database = async () => {
      const db = await target.create();
      open.push(db);
      await createAgno22Database(db, DEFAULT_NAMES);
      return db;
    };
    afterEach(async () => {
      for (const db of open.splice(0)) await db.close();
    });

    it(`${DEPLOYS} processes run up at once on an Agno 2.2 database: each step applied once, by one of them, the end state of one clean run`, async () => {
      const since = epochNow();
      const raced = await database();
      const clean = await database();
      const single = new MigrationManager(clean.dialect());
      let expected: string[];
      try {
        expected = appliedSteps(await single.up()).sort();
      } finally {
        await single.close();
      }
      expect(expected.length).toBeGreaterThan(6);

      const runs = await Promise.all(Array.from({ length: DEPLOYS }, () => runInChild(raced)));
      for (const run of runs) expect(run.output?.result.status, describeChild(run)).toBe('ok');
      const applied = runs.map((run) => appliedSteps(run.output!.result));
      // Across all processes, each (table, step) appears exactly once: the lock let one run do it.
      expect(applied.flat().sort()).toEqual(expected);
      expect(applied.filter((steps) => steps.length > 0)).toHaveLength(1);
      expect(await snapshot(raced, since)).toEqual(await snapshot(clean, since));
    }, 120_000);
  });
}
