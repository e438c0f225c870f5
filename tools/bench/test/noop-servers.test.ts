import { MigrationManager } from '@agno-migrate/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oursNoop } from '../src/noop/contenders.js';
import { createTableSets, migratedTypesOn, tableSetNames } from '../src/noop/table-sets.js';
import type { BenchDatabase } from '../src/support/databases.js';
import { createBenchDatabase } from '../src/support/databases.js';

// The renamed table sets on a server are copies of Agno 3.0's tables: culture, retired by Agno 3.0,
// is not among them, and approvals (never created on MySQL) is an idle table there, not a failure.
describe.each(['postgres', 'mysql'] as const)('the no-op bench on %s', (kind) => {
  let db: BenchDatabase;

  beforeAll(async () => {
    db = await createBenchDatabase(kind);
  });

  afterAll(async () => {
    await db?.drop();
  });

  it("makes renamed sets of Agno 3.0's migrated tables, each a no-op for up", async () => {
    const types = migratedTypesOn(db);
    expect(types).not.toContain('culture');
    expect(types.includes('approvals')).toBe(kind === 'postgres');
    const setup = new MigrationManager(db.dialect());
    try {
      await setup.create();
    } finally {
      await setup.close();
    }
    await createTableSets(db, 3);
    for (const set of [0, 1, 2]) {
      const manager = new MigrationManager(db.dialect(), { tables: tableSetNames(set) });
      try {
        await expect(oursNoop(manager)).resolves.toBeUndefined();
        const status = await manager.up();
        const present = status.tables.filter((t) => t.outcome === 'up-to-date').map((t) => t.tableType);
        expect(present.sort()).toEqual([...types].sort());
      } finally {
        await manager.close();
      }
    }
  }, 60_000);
});
