import type { ColumnDef, Step } from '@agno-migrate/core';
import { addColumn, custom, dropColumn, MigrationManager, MigrationStepError, sql, tableTypeNames, VersionGraph } from '@agno-migrate/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createAgno22Database } from '../fixtures/index.js';
import { DEFAULT_NAMES } from '../fixtures/table-names.js';
import type { TestDatabase, TestTarget } from '../target.js';
import { shapeOf } from './shape.js';

const text = (name: string): ColumnDef => ({ name, type: { kind: 'text' }, nullable: true });
const MEMORIES = DEFAULT_NAMES.memories;

/**
 * Two steps on memories: 2.0.1 adds `first_step`; 2.0.2 adds `second_step`, then runs `last`,
 * which a test makes fail (a read of a table that is not there) and later lets pass.
 */
function graphWith(last: () => string): VersionGraph {
  const steps: Step[] = [
    {
      from: '2.0.0',
      to: '2.0.1',
      tables: { memories: { up: () => [addColumn(text('first_step'))], down: () => [dropColumn('first_step')] } },
    },
    {
      from: '2.0.1',
      to: '2.0.2',
      tables: {
        memories: {
          up: () => [addColumn(text('second_step')), custom('the step’s last statement', () => [sql(last())])],
          down: () => [dropColumn('second_step')],
        },
      },
    },
  ];
  return new VersionGraph('2.0.0', steps, tableTypeNames());
}

/**
 * A statement that fails in the middle of a step: the steps before it stay done and stamped, the
 * failing step is not stamped (and, where DDL is transactional, leaves nothing behind), the run
 * lock is released at once, and once the cause is fixed the next run finishes from where it stopped.
 */
export function runFailedStepSuite(target: TestTarget, options: { readonly skip: boolean }): void {
  describe.skipIf(options.skip)(`${target.name}: a step that fails part-way`, () => {
    const open: { db?: TestDatabase; managers: MigrationManager[] } = { managers: [] };
    afterEach(async () => {
      for (const m of open.managers.splice(0)) await m.close();
      await open.db?.close();
    });
    const manager = (db: TestDatabase, graph: VersionGraph) => {
      const m = new MigrationManager(db.dialect(), { graph, lockTimeoutMs: 2_000 });
      open.managers.push(m);
      return m;
    };
    const stamps = async (db: TestDatabase) =>
      (await db.rows(`SELECT version FROM ${db.qualify('agno_schema_versions')} WHERE table_name = ?`, [MEMORIES])).map((r) =>
        String(r['version']),
      );
    const has = async (db: TestDatabase, column: string) =>
      (await shapeOf(db, MEMORIES)).some((line) => line.startsWith(`column ${column} `));

    it('keeps the earlier step stamped, the failing one unstamped, releases the lock, and finishes once fixed', async () => {
      const db = await target.create();
      open.db = db;
      await createAgno22Database(db, DEFAULT_NAMES);
      const rowsBefore = await db.rows(`SELECT * FROM ${db.qualify(MEMORIES)} ORDER BY memory_id`);
      const failing = graphWith(() => `SELECT 1 FROM ${db.qualify('agno_conformance_absent')}`);

      const error = await manager(db, failing)
        .up({ tableType: 'memories' })
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(error).toBeInstanceOf(MigrationStepError);
      const table = (error as MigrationStepError).result?.tables.find((t) => t.tableType === 'memories');
      expect(table?.outcome).toBe('failed');
      expect(table?.to).toBe('2.0.1');
      expect(await stamps(db)).toEqual(['2.0.1']);
      expect(await has(db, 'first_step')).toBe(true);
      // Rolled back with its step where DDL is transactional; elsewhere left for the re-run to find done.
      if (db.dialect().capabilities.transactionalDdl) expect(await has(db, 'second_step')).toBe(false);

      // The lock was released on the failure path: a second manager gets it well inside its 2 s.
      const fixed = graphWith(() => 'SELECT 1');
      const again = await manager(db, fixed).up({ tableType: 'memories' });
      expect(again.status).toBe('ok');
      const memories = again.tables.find((t) => t.tableType === 'memories');
      expect(memories?.steps.map((s) => `${s.from}→${s.to}`)).toEqual(['2.0.1→2.0.2']);
      expect(await stamps(db)).toEqual(['2.0.2']);
      expect(await has(db, 'first_step')).toBe(true);
      expect(await has(db, 'second_step')).toBe(true);
      const rowsAfter = await db.rows(`SELECT * FROM ${db.qualify(MEMORIES)} ORDER BY memory_id`);
      const withoutNew = (row: Record<string, unknown>) =>
        Object.fromEntries(Object.entries(row).filter(([column]) => column !== 'first_step' && column !== 'second_step'));
      expect(rowsAfter.map(withoutNew)).toEqual(rowsBefore);
    });
  });
}
