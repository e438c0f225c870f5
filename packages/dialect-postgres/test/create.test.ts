import { AGNO_GRAPH, reachedVersion } from '@agno-migrate/test-infra';
import { availableOn, MigrationStepError, TABLE_TYPES } from '@agno-migrate/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from '@agno-migrate/test-infra';
import {
  assertPostgresAvailable,
  columnTypes,
  constraints,
  createAgno22,
  indexes,
  manager,
  skipPostgres,
  target,
  versions,
} from './support/postgres.js';

const CREATED = TABLE_TYPES.filter((t) => availableOn(t, 'postgres') && t.retired === undefined);

describe.skipIf(skipPostgres)('PostgreSQL: create() and failed steps', () => {
  let fresh: TestDatabase;
  let failing: TestDatabase;
  beforeAll(async () => {
    assertPostgresAvailable();
    [fresh, failing] = await Promise.all([target.create(), target.create()]);
  });
  afterAll(async () => {
    await Promise.all([fresh?.close(), failing?.close()]);
  });

  it('create() makes every missing table as Agno would, stamped with the latest version', async () => {
    await fresh.exec(`DROP SCHEMA ${fresh.quoteIdent(fresh.namespace!)}`);
    const m = manager(fresh);
    try {
      const result = await m.create();
      // init builds a complete Agno database: every table Agno creates on PostgreSQL (not the retired culture).
      expect(result.tables.map((t) => t.outcome)).toEqual(Array(CREATED.length).fill('created'));
    } finally {
      await m.close();
    }
    const stamped = await versions(fresh);
    expect(Object.keys(stamped).sort()).toEqual(CREATED.map((t) => t.defaultName).sort());
    expect(Object.keys(stamped)).toEqual(
      expect.arrayContaining([
        'agno_approvals',
        'agno_eval_runs',
        'agno_knowledge',
        'agno_memories',
        'agno_metrics',
        'agno_sessions',
        'agno_spans',
      ]),
    );
    expect(new Set(Object.values(stamped))).toEqual(new Set([AGNO_GRAPH.latest]));
    expect(await constraints(fresh, 'agno_sessions')).toEqual([{ name: 'agno_sessions_pkey', type: 'p', columns: ['session_id'] }]);
    expect(await constraints(fresh, 'agno_metrics')).toContainEqual({
      name: 'agno_metrics_uq_metrics_user_date_period',
      type: 'u',
      columns: ['date', 'aggregation_period', 'user_id'], // in the table's column order, as the helper reads them
    });
    expect((await columnTypes(fresh, 'agno_approvals'))['run_status']?.type).toBe('character varying');
    expect((await indexes(fresh, 'agno_approvals')).map((i) => i.name)).toContain('idx_agno_approvals_run_status');
    expect((await columnTypes(fresh, 'agno_memories'))['topics']?.type).toBe('jsonb');

    const again = manager(fresh);
    try {
      expect((await again.up()).tables.every((t) => t.outcome === 'up-to-date')).toBe(true);
    } finally {
      await again.close();
    }
  });

  it('a step that fails rolls back whole and is not stamped; the tables after it are not run', async () => {
    await createAgno22(failing, ['memories', 'sessions']);
    // A view on the JSON column makes ALTER … TYPE JSONB fail after created_at was already added.
    await failing.exec(`CREATE VIEW ${failing.qualify('memory_view')} AS SELECT memory FROM ${failing.qualify('agno_memories')}`);
    const m = manager(failing);
    let error: unknown;
    try {
      await m.up();
    } catch (e) {
      error = e;
    } finally {
      await m.close();
    }
    expect(error).toBeInstanceOf(MigrationStepError);
    const result = (error as MigrationStepError).result!;
    const outcomes = result.tables.map((t) => `${t.tableName} ${t.outcome}`);
    expect(outcomes[0]).toBe('agno_memories failed');
    expect(outcomes.slice(1)).toEqual(result.tables.slice(1).map((t) => `${t.tableName} not-run`));
    expect(outcomes).toContain('agno_sessions not-run');
    expect(result.tables[0]?.error?.message).toMatch(/view/);
    expect((await columnTypes(failing, 'agno_memories'))['created_at']).toBeUndefined();
    expect(await versions(failing)).toEqual({});

    await failing.exec(`DROP VIEW ${failing.qualify('memory_view')}`);
    const retry = manager(failing);
    try {
      expect((await retry.up()).status).toBe('ok');
    } finally {
      await retry.close();
    }
    expect(await versions(failing)).toEqual({
      agno_memories: reachedVersion('memories'),
      agno_sessions: reachedVersion('sessions'),
      agno_runs: AGNO_GRAPH.latest,
    });
  });
});
