import { describe, expect, it } from 'vitest';
import { resolveTableType } from '../src/index.js';
import { CULTURE, MEMORIES, scripted } from './support/scripted-graph.js';

const MEMORY_COLUMNS = ['memory_id', 'user_id'];
const APPROVALS = resolveTableType('approvals').defaultName;
const LEARNINGS = resolveTableType('learnings').defaultName;

describe('tables the run leaves alone, and why', () => {
  it('a table stamped by a newer version is left untouched', async () => {
    const { db, manager } = scripted();
    db.withVersions({ [MEMORIES]: '9.9.9' }).withTable(MEMORIES, MEMORY_COLUMNS);
    const result = await manager.up({ tableType: 'memories' });
    expect(result.tables[0]).toMatchObject({ outcome: 'newer', from: '9.9.9', to: '9.9.9', steps: [] });
    expect(result.tables[0]!.reason).toMatch(/newer than this tool knows \(2\.2\.0\)/);
    expect(db.writes()).toEqual(['LOCK', 'UNLOCK']);
  });

  it('a table type that cannot pass a step is held below it, after the steps it can take', async () => {
    const below = scripted();
    below.db.withVersions({}).withTable(CULTURE, []);
    const migrated = await below.manager.up({ tableType: 'culture' });
    expect(migrated.tables[0]).toMatchObject({ outcome: 'migrated', to: '2.1.0', held: { at: '2.1.0', reason: 'culture stops at 2.1.0' } });
    expect(below.db.versions?.get(CULTURE)).toBe('2.1.0');

    const at = scripted();
    at.db.withVersions({ [CULTURE]: '2.1.0' }).withTable(CULTURE, []);
    const held = await at.manager.up({ tableType: 'culture' });
    expect(held.tables[0]).toMatchObject({ outcome: 'held', to: '2.1.0', reason: 'culture stops at 2.1.0', steps: [] });
    expect(at.db.writes()).toEqual(['LOCK', 'UNLOCK']);
  });

  it('a retired type with nothing to do is not reported unless asked for', async () => {
    const { db, manager } = scripted();
    db.withVersions({ [CULTURE]: '2.1.0' }).withTable(CULTURE, []);
    const result = await manager.up();
    expect(result.tables.map((t) => t.tableName)).not.toContain(CULTURE);
  });

  it('a type Agno never stores on this database is not Agno’s there, existing or not', async () => {
    const { db, manager } = scripted({ flavor: 'mysql' });
    db.withVersions({}).withTable(LEARNINGS, ['id']);
    const result = await manager.up();
    const byName = new Map(result.tables.map((t) => [t.tableName, t]));
    expect(byName.get(APPROVALS)).toMatchObject({ outcome: 'not-on-dialect', to: '2.0.0', steps: [] });
    expect(byName.get(LEARNINGS)).toMatchObject({ outcome: 'not-on-dialect', to: '2.0.0', steps: [] });
    expect(db.writes()).toEqual(['LOCK', 'UNLOCK']);
  });

  it('a missing table is reported absent and not stamped, or created when asked', async () => {
    const absent = scripted();
    absent.db.withVersions({});
    const skipped = await absent.manager.up({ tableType: 'memories' });
    expect(skipped.tables[0]).toMatchObject({
      outcome: 'absent',
      to: '2.0.0',
      reason: `table ${MEMORIES} does not exist: not migrated and not stamped`,
    });
    expect(absent.db.writes()).toEqual(['LOCK', 'UNLOCK']);

    const created = scripted();
    created.db.withVersions({});
    const result = await created.manager.up({ tableType: 'memories', createMissing: true });
    expect(result.tables[0]).toMatchObject({ outcome: 'created', from: '2.0.0', to: '2.2.0' });
    expect(created.db.writes()).toEqual(['LOCK', 'BEGIN', `CREATE "${MEMORIES}"`, `STAMP "${MEMORIES}" 2.2.0`, 'COMMIT', 'UNLOCK']);
  });

  it('a missing table has nothing to revert', async () => {
    const { db, manager } = scripted();
    db.withVersions({ [MEMORIES]: '2.2.0' });
    const result = await manager.down({ targetVersion: '2.0.0', tableType: 'memories' });
    expect(result.tables[0]).toMatchObject({
      outcome: 'absent',
      to: '2.2.0',
      reason: `table ${MEMORIES} does not exist: nothing to revert`,
    });
  });

  it('a table at the target has nothing to do', async () => {
    const { db, manager } = scripted();
    db.withVersions({ [MEMORIES]: '2.2.0' }).withTable(MEMORIES, MEMORY_COLUMNS);
    const result = await manager.up({ tableType: 'memories' });
    expect(result.tables[0]).toMatchObject({ outcome: 'up-to-date', from: '2.2.0', to: '2.2.0', steps: [] });
    // Nothing to do: not even which tables exist is asked.
    expect(db.statements.map((s) => s.sql)).toEqual(['LOCK', 'VERSIONS "agno_schema_versions"', 'UNLOCK']);
  });
});

describe('a step that the data blocks', () => {
  it('rolls back, keeps the stamp of the step before, and lets the run finish as blocked', async () => {
    const { db, manager } = scripted();
    db.withVersions({})
      .withTable(MEMORIES, MEMORY_COLUMNS)
      .answer(`requireNoNulls "${MEMORIES}" user_id`, [{ n: 3 }]);
    const result = await manager.up({ tableType: 'memories' });
    expect(result.status).toBe('blocked');
    expect(result.tables[0]).toMatchObject({
      outcome: 'blocked',
      from: '2.0.0',
      to: '2.1.0',
      blocked: { check: 'no-nulls', column: 'user_id', count: 3 },
    });
    expect(result.tables[0]!.steps.map((s) => s.to)).toEqual(['2.1.0', '2.2.0']);
    expect(db.writes().slice(-3)).toEqual(['BEGIN', 'ROLLBACK', 'UNLOCK']);
    expect(db.writes()).not.toContain(`addColumn "${MEMORIES}" b`);
    expect(db.versions?.get(MEMORIES)).toBe('2.1.0');
  });

  it('does not stop the tables after it', async () => {
    const { db, manager } = scripted();
    db.withVersions({})
      .withTable(MEMORIES, MEMORY_COLUMNS)
      .withTable('agno_sessions', ['session_id'])
      .answer(`requireNoNulls "${MEMORIES}" user_id`, [{ n: 1 }]);
    const result = await manager.up();
    expect(result.status).toBe('blocked');
    expect(result.tables.find((t) => t.tableName === 'agno_sessions')).toMatchObject({ outcome: 'migrated', to: '2.2.0' });
    expect(db.versions?.get('agno_sessions')).toBe('2.2.0');
  });
});

describe('create and status over the same plans', () => {
  it('create makes the missing tables, stamps them at the latest, and leaves existing ones alone', async () => {
    const { db, manager } = scripted();
    db.withVersions({ [MEMORIES]: '2.1.0' }).withTable(MEMORIES, MEMORY_COLUMNS);
    const result = await manager.create();
    const memories = result.tables.find((t) => t.tableName === MEMORIES);
    expect(memories).toMatchObject({ outcome: 'exists', from: '2.1.0', to: '2.1.0' });
    const sessions = result.tables.find((t) => t.tableName === 'agno_sessions');
    expect(sessions).toMatchObject({ outcome: 'created', from: '2.0.0', to: '2.2.0' });
    expect(db.versions?.get('agno_sessions')).toBe('2.2.0');
    expect(db.versions?.get(MEMORIES)).toBe('2.1.0');
    expect(db.writes().filter((w) => w.startsWith('CREATE'))).not.toContain(`CREATE "${MEMORIES}"`);
    expect(db.writes().at(-1)).toBe('UNLOCK');
  });

  it('status reads the versions and which tables exist, and takes no lock', async () => {
    const { db, manager } = scripted();
    db.withVersions({ [MEMORIES]: '2.1.0' }).withTable(MEMORIES, MEMORY_COLUMNS);
    const status = await manager.status({ health: false });
    expect(status.tables.find((t) => t.tableName === MEMORIES)).toMatchObject({
      exists: true,
      recorded: '2.1.0',
      current: '2.1.0',
      pending: ['2.2.0'],
    });
    expect(status.tables.find((t) => t.tableName === 'agno_sessions')).toMatchObject({
      exists: false,
      recorded: null,
      pending: ['2.1.0', '2.2.0'],
    });
    expect(db.statements.map((s) => s.sql)).toEqual(['VERSIONS "agno_schema_versions"', 'EXISTS']);
  });
});
