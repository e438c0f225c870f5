import { describe, expect, it } from 'vitest';
import type { MigrationStepError, RunResult } from '../src/index.js';
import { DatabaseError, LockTimeoutError, VersionsTableError } from '../src/index.js';
import { MEMORIES, scripted } from './support/scripted-graph.js';

const MEMORY_COLUMNS = ['memory_id', 'user_id'];

async function stepError(run: Promise<unknown>): Promise<RunResult> {
  const error = (await run.then(
    () => undefined,
    (e: unknown) => e,
  )) as MigrationStepError | undefined;
  expect(error?.name).toBe('MigrationStepError');
  return error!.result!;
}

describe('the run loop stamps each step as it completes', () => {
  it('commits every step with its stamp in one transaction, inside the lock', async () => {
    const { db, manager } = scripted();
    db.withVersions({}).withTable(MEMORIES, MEMORY_COLUMNS);
    const result = await manager.up({ tableType: 'memories' });
    expect(result.tables.map((t) => [t.outcome, t.from, t.to])).toEqual([['migrated', '2.0.0', '2.2.0']]);
    expect(db.writes()).toEqual([
      'LOCK',
      'BEGIN',
      `addColumn "${MEMORIES}" a`,
      `STAMP "${MEMORIES}" 2.1.0`,
      'COMMIT',
      'BEGIN',
      `addColumn "${MEMORIES}" b`,
      `STAMP "${MEMORIES}" 2.2.0`,
      'COMMIT',
      'UNLOCK',
    ]);
    expect(db.versions?.get(MEMORIES)).toBe('2.2.0');
    expect(db.locked).toBe(false);
  });

  it('stamps after each step where DDL commits on its own', async () => {
    const { db, manager } = scripted({ transactionalDdl: false });
    db.withVersions({}).withTable(MEMORIES, MEMORY_COLUMNS);
    await manager.up({ tableType: 'memories' });
    expect(db.writes()).toEqual([
      'LOCK',
      `addColumn "${MEMORIES}" a`,
      `STAMP "${MEMORIES}" 2.1.0`,
      `addColumn "${MEMORIES}" b`,
      `STAMP "${MEMORIES}" 2.2.0`,
      'UNLOCK',
    ]);
  });

  it('creates a missing versions table once, before the first step', async () => {
    const { db, manager } = scripted();
    db.withTable(MEMORIES, MEMORY_COLUMNS);
    await manager.up({ tableType: 'memories' });
    expect(db.writes().slice(0, 5)).toEqual(['LOCK', 'BEGIN', 'CREATE_VERSIONS "agno_schema_versions"', 'COMMIT', 'BEGIN']);
    expect(db.writes().filter((w) => w.startsWith('CREATE_VERSIONS'))).toHaveLength(1);
    expect([...db.versions!]).toEqual([[MEMORIES, '2.2.0']]);
  });

  it('lowers the stamp step by step on the way down', async () => {
    const { db, manager } = scripted();
    db.withVersions({ [MEMORIES]: '2.2.0' }).withTable(MEMORIES, [...MEMORY_COLUMNS, 'a', 'b']);
    const result = await manager.down({ targetVersion: '2.0.0', tableType: 'memories' });
    expect(result.tables.map((t) => [t.outcome, t.from, t.to])).toEqual([['migrated', '2.2.0', '2.0.0']]);
    expect(db.writes()).toEqual([
      'LOCK',
      'BEGIN',
      `dropColumn "${MEMORIES}" b`,
      `STAMP "${MEMORIES}" 2.1.0`,
      'COMMIT',
      'BEGIN',
      `dropColumn "${MEMORIES}" a`,
      `STAMP "${MEMORIES}" 2.0.0`,
      'COMMIT',
      'UNLOCK',
    ]);
  });

  it('runs the same statements from the synchronous loop', async () => {
    const async = scripted();
    async.db.withVersions({}).withTable(MEMORIES, MEMORY_COLUMNS);
    await async.manager.up({ tableType: 'memories' });
    const sync = scripted();
    sync.db.withVersions({}).withTable(MEMORIES, MEMORY_COLUMNS);
    sync.manager.upSync({ tableType: 'memories' });
    expect(sync.db.statements).toEqual(async.db.statements);
  });
});

describe('the run lock is released on every path', () => {
  it('after a failed step, whose transaction is rolled back while the steps before it stay stamped', async () => {
    const { db, manager } = scripted();
    db.withVersions({}).withTable(MEMORIES, MEMORY_COLUMNS).failOn(`addColumn "${MEMORIES}" b`);
    const result = await stepError(manager.up({ tableType: 'memories' }));
    expect(result.tables.map((t) => [t.outcome, t.from, t.to, t.error?.code])).toEqual([['failed', '2.0.0', '2.1.0', 'database.other']]);
    expect(db.writes().slice(-3)).toEqual([`addColumn "${MEMORIES}" b`, 'ROLLBACK', 'UNLOCK']);
    expect(db.versions?.get(MEMORIES)).toBe('2.1.0');
    expect(db.locked).toBe(false);
  });

  it('after an introspection that fails before anything changed: the error itself is thrown', async () => {
    const { db, manager } = scripted();
    const failure = new DatabaseError('introspection failed', { kind: 'other' });
    db.withVersions({}).withTable(MEMORIES, MEMORY_COLUMNS).failOn(`INTROSPECT "${MEMORIES}"`, failure);
    await expect(manager.up({ tableType: 'memories' })).rejects.toBe(failure);
    expect(db.writes()).toEqual(['LOCK', 'UNLOCK']);
    expect(db.locked).toBe(false);
  });

  it('after an introspection that fails inside a step: the table fails, its transaction rolled back', async () => {
    const { db, manager } = scripted();
    db.withVersions({ [MEMORIES]: '2.2.0' })
      .withTable(MEMORIES, [...MEMORY_COLUMNS, 'a', 'b'])
      .failOn(`INTROSPECT "${MEMORIES}"`);
    const result = await stepError(manager.down({ targetVersion: '2.0.0', tableType: 'memories' }));
    expect(result.tables.map((t) => [t.outcome, t.to])).toEqual([['failed', '2.2.0']]);
    expect(db.writes()).toEqual(['LOCK', 'BEGIN', 'ROLLBACK', 'UNLOCK']);
    expect(db.versions?.get(MEMORIES)).toBe('2.2.0');
  });

  it('after a cancelled statement: the run reports the interruption and stamps nothing more', async () => {
    const { db, manager } = scripted();
    const cancelled = new DatabaseError('canceling statement due to user request', { kind: 'interrupted' });
    db.withVersions({}).withTable(MEMORIES, MEMORY_COLUMNS).failOn(`addColumn "${MEMORIES}" a`, cancelled);
    const result = await stepError(manager.up({ tableType: 'memories' }));
    expect(result.tables.map((t) => [t.outcome, t.to, t.error?.code])).toEqual([['failed', '2.0.0', 'database.interrupted']]);
    expect(db.writes().slice(-2)).toEqual(['ROLLBACK', 'UNLOCK']);
    expect([...db.versions!]).toEqual([]);
    expect(db.locked).toBe(false);
  });

  it('after reading the versions fails, and a release that fails too does not hide why', async () => {
    const { db, manager } = scripted();
    const failure = new DatabaseError('versions unreadable', { kind: 'permission' });
    db.withVersions({}).withTable(MEMORIES, MEMORY_COLUMNS).failOn('VERSIONS', failure).failOn('UNLOCK');
    await expect(manager.up({ tableType: 'memories' })).rejects.toBe(failure);
    expect(db.writes()).toEqual(['LOCK', 'UNLOCK']);
  });

  it('after the versions table cannot be created: the run fails as a whole, naming it, with no table touched', async () => {
    const { db, manager } = scripted();
    const denied = new DatabaseError('permission denied for schema ai', { kind: 'permission' });
    db.withTable(MEMORIES, MEMORY_COLUMNS).failOn('CREATE_VERSIONS', denied);
    const error = await manager.up({ tableType: 'memories' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(VersionsTableError);
    expect(error).toMatchObject({
      code: 'database.permission',
      message: 'the versions table agno_schema_versions could not be created: permission denied for schema ai',
    });
    expect(db.writes()).toEqual(['LOCK', 'BEGIN', 'CREATE_VERSIONS "agno_schema_versions"', 'ROLLBACK', 'UNLOCK']);
    expect(db.locked).toBe(false);
  });

  it('but not when it was never acquired', async () => {
    const { db, manager } = scripted();
    db.withVersions({}).withTable(MEMORIES, MEMORY_COLUMNS).failOn('LOCK', new LockTimeoutError('another run holds the lock'));
    await expect(manager.up({ tableType: 'memories' })).rejects.toMatchObject({ name: 'LockTimeoutError' });
    expect(db.statements.map((s) => s.sql)).toEqual(['LOCK']);
  });

  it('and a table that fails stops the run: the tables after it are reported as not run', async () => {
    const { db, manager } = scripted();
    db.withVersions({}).withTable(MEMORIES, MEMORY_COLUMNS).failOn(`addColumn "${MEMORIES}" a`);
    const result = await stepError(manager.up());
    expect(result.tables[0]).toMatchObject({ tableName: MEMORIES, outcome: 'failed' });
    expect(result.tables.length).toBeGreaterThan(1);
    for (const t of result.tables.slice(1)) {
      expect(t).toMatchObject({ outcome: 'not-run', reason: `not attempted after ${MEMORIES} failed`, steps: [] });
    }
    expect(db.writes().at(-1)).toBe('UNLOCK');
  });
});

describe('a dry run', () => {
  it('takes no lock and writes nothing, and lists the statements a real run would send', async () => {
    const { db, manager } = scripted();
    db.withVersions({}).withTable(MEMORIES, MEMORY_COLUMNS);
    const result = await manager.plan({ tableType: 'memories' });
    expect(db.writes()).toEqual([]);
    expect([...db.versions!]).toEqual([]);
    expect(result).toMatchObject({ dryRun: true, status: 'ok' });
    const planned = result.tables[0]!.steps.flatMap((s) => s.operations.flatMap((o) => o.statements.map((st) => st.sql)));
    expect(planned).toEqual([`addColumn "${MEMORIES}" a`, `requireNoNulls "${MEMORIES}" user_id`, `addColumn "${MEMORIES}" b`]);
    expect(result.tables[0]).toMatchObject({ outcome: 'migrated', to: '2.2.0' });
  });

  it('of create writes nothing either', async () => {
    const { db, manager } = scripted();
    const result = await manager.create({ tableType: 'memories', dryRun: true });
    expect(db.writes()).toEqual([]);
    expect(db.versions).toBeNull();
    expect(result.tables[0]).toMatchObject({ outcome: 'created', to: '2.2.0' });
    expect(result.tables[0]!.steps[0]!.operations[0]!.statements.map((s) => s.sql)).toEqual([`CREATE "${MEMORIES}"`]);
  });
});
