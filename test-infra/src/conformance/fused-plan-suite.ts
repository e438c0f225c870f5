import { MigrationManager, renderEachOperation } from '@agno-migrate/core';
import type { Dialect, MigrationEvent, RunResult } from '@agno-migrate/core';
import { describe, expect, it } from 'vitest';
import { createAgno22Database } from '../fixtures/index.js';
import { DEFAULT_NAMES } from '../fixtures/table-names.js';
import type { TestDatabase, TestTarget } from '../target.js';
import { epochNow, snapshot } from './processes/snapshot.js';
import type { SuiteOptions } from './suite.js';

const NOW = new Date('2026-03-25T10:11:12.345Z');

/** The same dialect, planning each operation on its own: the statements as they were before any fusing. */
function oneOperationAtATime(dialect: Dialect): Dialect {
  const emitter = Object.create(dialect.emitter, {
    renderPlan: {
      value: (ops: Parameters<Dialect['emitter']['renderPlan']>[0], ctx: Parameters<Dialect['emitter']['renderPlan']>[1]) =>
        renderEachOperation(dialect.emitter, ops, ctx),
    },
  }) as Dialect['emitter'];
  return Object.create(dialect, { emitter: { value: emitter } }) as Dialect;
}

interface Ran {
  readonly result: RunResult;
  /** Every statement the run sent (or, dry, would send), in order. */
  readonly statements: readonly string[];
}

async function run(dialect: Dialect, how: (m: MigrationManager) => Promise<RunResult>): Promise<Ran> {
  const statements: string[] = [];
  const onEvent = (e: MigrationEvent) => {
    if (e.type === 'statement') statements.push(`${e.statement.sql} ${JSON.stringify(e.statement.params)}`);
  };
  const manager = new MigrationManager(dialect, { now: () => NOW, onEvent });
  try {
    return { result: await how(manager), statements };
  } finally {
    await manager.close();
  }
}

/**
 * What each step recorded per operation: the statements it carried or the operation that carried
 * it. A data task (it reports counts) writes what it reads, which a dry run does not copy: its
 * statements are left out.
 */
const records = (result: RunResult) =>
  result.tables.map((t) => [
    t.tableName,
    t.steps.map((s) =>
      s.operations.map((o) => [o.description, o.needed, o.carriedBy, o.report ? 'task' : o.statements.map((st) => [st.sql, st.params])]),
    ),
  ]);

/**
 * A dialect may fuse a step's operations into fewer statements (one rewrite per table): the
 * database must end exactly where running one operation at a time ends, and the dry run must list
 * exactly the statements the run sends.
 */
export function runFusedPlanSuite(target: TestTarget, options: SuiteOptions): void {
  describe.skipIf(options.skip)(`${target.name}: fused plans`, () => {
    it('a fused upgrade from Agno 2.2 ends at exactly the schema, rows and versions of one operation at a time', async () => {
      const since = epochNow();
      const dbs: TestDatabase[] = [];
      try {
        const fused = await target.create();
        dbs.push(fused);
        const single = await target.create();
        dbs.push(single);
        await createAgno22Database(fused, DEFAULT_NAMES);
        await createAgno22Database(single, DEFAULT_NAMES);
        const planned = await run(fused.dialect(), (m) => m.plan());
        const ran = await run(fused.dialect(), (m) => m.up());
        const unfused = await run(oneOperationAtATime(single.dialect()), (m) => m.up());
        expect(ran.result.status).toBe('ok');
        expect(unfused.result.status).toBe('ok');
        expect(records(planned.result)).toEqual(records(ran.result));
        expect(await snapshot(fused, since)).toEqual(await snapshot(single, since));
        // Fusing only ever removes statements.
        expect(ran.statements.length).toBeLessThanOrEqual(unfused.statements.length);
      } finally {
        for (const db of dbs) await db.close();
      }
    });
  });
}
