import { describe, expect, it } from 'vitest';
import type { ColumnDef, Step } from '../src/index.js';
import { addColumn, dropColumn, MigrationManager, requireNoNulls, tableTypeNames, VersionGraph } from '../src/index.js';
import { ScriptedDatabase, scriptedDialect } from './support/scripted-database.js';
import { MEMORIES } from './support/scripted-graph.js';

const text = (name: string): ColumnDef => ({ name, type: { kind: 'text' }, nullable: true });

/** One step whose columns the fusing emitter joins, around a check that guards the last one. */
const STEPS: readonly Step[] = [
  {
    from: '2.0.0',
    to: '2.1.0',
    tables: {
      memories: {
        up: () => [addColumn(text('a')), addColumn(text('b')), requireNoNulls('user_id'), addColumn(text('c')), addColumn(text('d'))],
        down: () => [dropColumn('d'), dropColumn('c'), dropColumn('b'), dropColumn('a')],
      },
    },
  },
];

function fusing() {
  const db = new ScriptedDatabase();
  const dialect = scriptedDialect(db, { fuseAddColumns: true });
  const manager = new MigrationManager(dialect, {
    graph: new VersionGraph('2.0.0', STEPS, tableTypeNames()),
    now: () => new Date(2026, 0, 2),
  });
  return { db, manager };
}

describe('the step executor runs the plan the dialect makes of a step', () => {
  it('runs a fused statement once, where its first operation stands; the others record what carried them', async () => {
    const { db, manager } = fusing();
    db.withVersions({}).withTable(MEMORIES, ['memory_id', 'user_id']);
    const result = await manager.up({ tableType: 'memories' });
    expect(db.writes()).toEqual([
      'LOCK',
      'BEGIN',
      `addColumn "${MEMORIES}" a, b`,
      `addColumn "${MEMORIES}" c, d`,
      `STAMP "${MEMORIES}" 2.1.0`,
      'COMMIT',
      'UNLOCK',
    ]);
    expect(db.statements.map((s) => s.sql).indexOf(`requireNoNulls "${MEMORIES}" user_id`)).toBeLessThan(
      db.statements.map((s) => s.sql).indexOf(`addColumn "${MEMORIES}" c, d`),
    );
    const records = result.tables[0]!.steps[0]!.operations.map((o) => [o.description, o.statements.map((s) => s.sql), o.carriedBy]);
    expect(records).toEqual([
      ['add column a', [`addColumn "${MEMORIES}" a, b`], undefined],
      ['add column b', [], 0],
      ['check that user_id has no NULL', [`requireNoNulls "${MEMORIES}" user_id`], undefined],
      ['add column c', [`addColumn "${MEMORIES}" c, d`], undefined],
      ['add column d', [], 3],
    ]);
  });

  it('plans only the needed operations: a column already there is skipped, not fused', async () => {
    const { db, manager } = fusing();
    db.withVersions({}).withTable(MEMORIES, ['memory_id', 'user_id', 'b']);
    const result = await manager.plan({ tableType: 'memories' });
    expect(result.tables[0]!.steps[0]!.operations.map((o) => [o.description, o.needed, o.carriedBy])).toEqual([
      ['add column a', true, undefined],
      ['add column b', false, undefined],
      ['check that user_id has no NULL', true, undefined],
      ['add column c', true, undefined],
      ['add column d', true, 3],
    ]);
  });

  it('a blocking check stops the step before what it guards, and the records end at the check', async () => {
    const { db, manager } = fusing();
    db.withVersions({})
      .withTable(MEMORIES, ['memory_id', 'user_id'])
      .answer(`requireNoNulls "${MEMORIES}" user_id`, [{ n: 2 }]);
    const result = await manager.up({ tableType: 'memories' });
    expect(result.status).toBe('blocked');
    expect(db.writes()).toEqual(['LOCK', 'BEGIN', `addColumn "${MEMORIES}" a, b`, 'ROLLBACK', 'UNLOCK']);
    expect(result.tables[0]!.steps[0]!.operations.map((o) => o.description)).toEqual([
      'add column a',
      'add column b',
      'check that user_id has no NULL',
    ]);
  });
});
