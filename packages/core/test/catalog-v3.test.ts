import { describe, expect, it } from 'vitest';
import type { Flavor, TableDef } from '../src/index.js';
import { FLAVORS, indexesFor, resolveTableType, TABLE_TYPES } from '../src/index.js';
import { resolveTableNames } from '../src/manager/table-names.js';
import { checkCreatable, creationOrder } from '../src/manager/table-selection.js';

const def = (type: string, flavor: Flavor, version?: string): TableDef => resolveTableType(type).define(flavor, version);
const columns = (type: string, flavor: Flavor, version?: string) => def(type, flavor, version).columns.map((c) => c.name);
const column = (type: string, flavor: Flavor, name: string) => def(type, flavor).columns.find((c) => c.name === name);
const indexNames = (type: string, flavor: Flavor, table: string) => indexesFor(def(type, flavor), table).map((i) => i.name);

describe('the runs table (Agno 3.0, spec 2.1)', () => {
  const RUN_COLUMNS = [
    'run_id',
    'session_id',
    'run_type',
    'agent_id',
    'team_id',
    'workflow_id',
    'user_id',
    'parent_run_id',
    'status',
    'run_index',
    'run_data',
    'created_at',
    'updated_at',
  ];

  it('has the same columns in the same order on every flavour, with MySQL-family lengths', () => {
    for (const flavor of FLAVORS) expect(columns('runs', flavor), flavor).toEqual(RUN_COLUMNS);
    expect(def('runs', 'mysql').columns.map((c) => (c.type.kind === 'string' ? c.type.length : c.type.kind))).toEqual([
      128,
      128,
      20,
      128,
      128,
      128,
      128,
      128,
      50,
      'bigint',
      'json',
      'bigint',
      'bigint',
    ]);
    expect(
      def('runs', 'postgres')
        .columns.filter((c) => !c.nullable)
        .map((c) => c.name),
    ).toEqual(['run_id', 'session_id', 'run_type', 'run_data', 'created_at']);
  });

  it('names the (session_id, run_index) index from its columns on PostgreSQL and SQLite, from its declared name on MySQL and SingleStore', () => {
    const single = ['session_id', 'run_type', 'agent_id', 'team_id', 'workflow_id', 'user_id', 'status', 'created_at'].map(
      (c) => `idx_r_${c}`,
    );
    expect(indexNames('runs', 'postgres', 'r')).toEqual([...single, 'idx_r_session_id_run_index']);
    expect(indexNames('runs', 'sqlite', 'r')).toEqual([...single, 'idx_r_session_id_run_index']);
    expect(indexNames('runs', 'mysql', 'r')).toEqual([...single, 'r_runs_session_id_run_index']);
    expect(indexNames('runs', 'singlestore', 'agno_runs')).toContain('agno_runs_runs_session_id_run_index');
  });

  it('is keyed by run_id and cascades from sessions, except on SingleStore: (run_id, session_id), sharded by session_id', () => {
    for (const flavor of ['postgres', 'sqlite', 'mysql'] as const) {
      expect(def('runs', flavor).primaryKey).toEqual(['run_id']);
      expect(def('runs', flavor).foreignKeys).toEqual([
        { columns: ['session_id'], references: { tableType: 'sessions', columns: ['session_id'] }, onDelete: 'CASCADE' },
      ]);
      expect(def('runs', flavor).shardKey).toBeUndefined();
    }
    expect(def('runs', 'singlestore').primaryKey).toEqual(['run_id', 'session_id']);
    expect(def('runs', 'singlestore').shardKey).toEqual(['session_id']);
  });

  it('is created, never migrated, after the sessions table it references', () => {
    const runs = resolveTableType('runs');
    expect(runs.migrated).toBe(false);
    expect(resolveTableType('run')).toBe(runs);
    const names = resolveTableNames();
    for (const flavor of FLAVORS) {
      const order = creationOrder([{ info: runs, name: names.runs! }], names, flavor).map((t) => t.info.type);
      expect(order, flavor).toEqual(['sessions', 'runs']);
    }
    const all = TABLE_TYPES.map((t) => t.type);
    expect(all.indexOf('sessions')).toBeLessThan(all.indexOf('runs'));
  });
});

describe("the runs table's default name (spec 2, db/base.py)", () => {
  it('is agno_runs beside agno_sessions', () => {
    expect(resolveTableNames().runs).toBe('agno_runs');
    expect(resolveTableNames({ sessions: 'agno_sessions' }).runs).toBe('agno_runs');
  });

  it('follows a renamed sessions table, by type or alias', () => {
    expect(resolveTableNames({ sessions: 'chat' }).runs).toBe('chat_runs');
    expect(resolveTableNames({ session: 'chat' }).runs).toBe('chat_runs');
  });

  it('is whatever the runs table is explicitly named, whatever sessions is called', () => {
    expect(resolveTableNames({ sessions: 'chat', runs: 'turns' })).toMatchObject({ sessions: 'chat', runs: 'turns' });
    expect(resolveTableNames({ run: 'turns' }).runs).toBe('turns');
  });

  it('refuses to rename tool_results, which Agno always names agno_tool_results', () => {
    expect(() => resolveTableNames({ tool_results: 'results' })).toThrow(
      'Agno always names the tool_results table agno_tool_results: it cannot be renamed',
    );
    expect(resolveTableNames({ tool_result: 'agno_tool_results' }).tool_results).toBe('agno_tool_results');
    expect(resolveTableNames({ jobs: 'queue' }).jobs).toBe('queue');
  });

  it('still refuses two tables of one name', () => {
    expect(() => resolveTableNames({ sessions: 'chat', memories: 'chat_runs' })).toThrow(/both named "chat_runs"/);
  });
});

describe('tool_results and jobs (spec 2.2, 2.3)', () => {
  it('tool_results: PostgreSQL TEXT preview, SQLite VARCHAR; the named unique, the composite, expires_at indexed', () => {
    expect(column('tool_results', 'postgres', 'preview')?.type).toEqual({ kind: 'text' });
    expect(column('tool_results', 'sqlite', 'preview')?.type).toEqual({ kind: 'string' });
    expect(def('tool_results', 'sqlite').uniqueConstraints).toEqual([
      { suffix: 'uq_tool_results_namespace_path', columns: ['namespace', 'path'] },
    ]);
    expect(indexNames('tool_results', 'postgres', 'agno_tool_results')).toEqual([
      'idx_agno_tool_results_expires_at',
      'idx_agno_tool_results_session_id_created_at',
    ]);
    expect(def('tool_results', 'postgres').foreignKeys).toEqual([]);
    expect(column('tool_results', 'postgres', 'user_id')).toMatchObject({ nullable: true });
    expect(column('tool_results', 'postgres', 'user_id')?.index).toBeUndefined();
  });

  it('init asked for one where Agno does not create it is a usage error', () => {
    expect(() => checkCreatable('tool_results', 'mysql', 'mysql')).toThrow(
      'Agno does not create tool_results tables on mysql, only on PostgreSQL and SQLite',
    );
    expect(() => checkCreatable('jobs', 'sqlite', 'sqlite')).toThrow('Agno does not create jobs tables on sqlite, only on PostgreSQL');
    expect(() => checkCreatable('runs', 'singlestore', 'singlestore')).not.toThrow();
  });

  it('jobs: two partial unique indexes over the idempotency key', () => {
    expect(indexesFor(def('jobs', 'postgres'), 'j').filter((i) => i.unique)).toEqual([
      { name: 'j_uq_jobs_idempotency_key', columns: ['idempotency_key', 'user_id'], unique: true, where: 'idempotency_key IS NOT NULL' },
      {
        name: 'j_uq_jobs_idempotency_key_anon',
        columns: ['idempotency_key'],
        unique: true,
        where: 'idempotency_key IS NOT NULL AND user_id IS NULL',
      },
    ]);
    expect(indexNames('jobs', 'postgres', 'j').filter((n) => n.startsWith('idx_'))).toEqual([
      'idx_j_component_id',
      'idx_j_session_id',
      'idx_j_status',
      'idx_j_created_at',
      'idx_j_status_available_at',
    ]);
  });
});

describe('the tables Agno 3.0 changes (spec 2.4), and their 2.x shape below 3.0.0', () => {
  it('sessions loses runs at 3.0.0 and has it below', () => {
    for (const flavor of FLAVORS) {
      expect(columns('sessions', flavor)).not.toContain('runs');
      expect(columns('sessions', flavor, '2.5.6')).toContain('runs');
      expect(columns('sessions', flavor, '2.0.0')).toContain('runs');
    }
    expect(def('sessions', 'singlestore').shardKey).toEqual(['session_id']);
  });

  it('evals: user_id before created_at on PostgreSQL and SQLite, last on MySQL and SingleStore', () => {
    expect(columns('evals', 'postgres').slice(-4)).toEqual(['evaluated_component_name', 'user_id', 'created_at', 'updated_at']);
    expect(columns('evals', 'sqlite').slice(-3)).toEqual(['user_id', 'created_at', 'updated_at']);
    for (const flavor of ['mysql', 'singlestore'] as const) {
      expect(columns('evals', flavor).slice(-3)).toEqual(['created_at', 'updated_at', 'user_id']);
      expect(column('evals', flavor, 'user_id')).toEqual({
        name: 'user_id',
        type: { kind: 'string', length: 128 },
        nullable: true,
        index: true,
      });
    }
    expect(columns('evals', 'postgres', '2.5.6')).not.toContain('user_id');
  });

  it('knowledge: user_id last everywhere, the (user_id, linked_to) composite only on PostgreSQL and SQLite', () => {
    for (const flavor of FLAVORS) expect(columns('knowledge', flavor).at(-1)).toBe('user_id');
    expect(def('knowledge', 'postgres').compositeIndexes).toEqual([['user_id', 'linked_to']]);
    expect(def('knowledge', 'sqlite').compositeIndexes).toEqual([['user_id', 'linked_to']]);
    expect(def('knowledge', 'mysql').compositeIndexes).toEqual([]);
    expect(def('knowledge', 'singlestore').compositeIndexes).toEqual([]);
    expect(def('knowledge', 'sqlite', '2.5.6').compositeIndexes).toEqual([]);
  });

  it('metrics: user_id NOT NULL after aggregation_period; the per-user unique key, none on SingleStore', () => {
    for (const flavor of FLAVORS) {
      const names = columns('metrics', flavor);
      expect(names[names.indexOf('aggregation_period') + 1]).toBe('user_id');
      expect(column('metrics', flavor, 'user_id')).toMatchObject({ nullable: false, index: true });
    }
    for (const flavor of ['postgres', 'sqlite', 'mysql'] as const) {
      expect(def('metrics', flavor).uniqueConstraints).toEqual([
        { suffix: 'uq_metrics_user_date_period', columns: ['user_id', 'date', 'aggregation_period'] },
      ]);
      expect(def('metrics', flavor, '2.5.6').uniqueConstraints).toEqual([
        { suffix: 'uq_metrics_date_period', columns: ['date', 'aggregation_period'] },
      ]);
    }
    expect(def('metrics', 'singlestore').uniqueConstraints).toEqual([]);
    expect(def('metrics', 'singlestore', '2.5.6').uniqueConstraints).toEqual([]);
  });

  it('components and schedule_runs: an indexed, nullable user_id after name / requirements', () => {
    for (const flavor of ['postgres', 'sqlite'] as const) {
      expect(columns('components', flavor).slice(2, 4)).toEqual(['name', 'user_id']);
      expect(columns('schedule_runs', flavor).slice(-3)).toEqual(['requirements', 'user_id', 'created_at']);
      expect(column('schedule_runs', flavor, 'user_id')).toMatchObject({ nullable: true, index: true });
      expect(columns('components', flavor, '2.5.6')).not.toContain('user_id');
      expect(columns('schedule_runs', flavor, '2.5.6')).not.toContain('user_id');
    }
  });

  it('schedules: owner and eight provenance columns after locked_at, a second composite and the per-owner name uniques', () => {
    const provenance = [
      'user_id',
      'managed_by',
      'target_type',
      'target_id',
      'created_by_run_id',
      'created_by_session_id',
      'updated_by_run_id',
      'updated_by_session_id',
      'disabled_reason',
    ];
    for (const flavor of ['postgres', 'sqlite'] as const) {
      const names = columns('schedules', flavor);
      expect(names.slice(names.indexOf('locked_at') + 1)).toEqual([...provenance, 'created_at', 'updated_at']);
      expect(
        def('schedules', flavor)
          .columns.filter((c) => provenance.includes(c.name))
          .every((c) => c.nullable && c.type.kind === 'string'),
      ).toBe(true);
      expect(
        def('schedules', flavor)
          .columns.filter((c) => c.index && provenance.includes(c.name))
          .map((c) => c.name),
      ).toEqual(['user_id', 'managed_by', 'target_id']);
      expect(def('schedules', flavor).compositeIndexes).toEqual([
        ['enabled', 'next_run_at'],
        ['user_id', 'enabled', 'next_run_at'],
      ]);
      expect(def('schedules', flavor).partialUniqueIndexes).toEqual([
        { suffix: 'uq_user_name', columns: ['user_id', 'name'], where: 'user_id IS NOT NULL' },
        { suffix: 'uq_unowned_name', columns: ['name'], where: 'user_id IS NULL' },
      ]);
      expect(def('schedules', flavor, '2.5.6').partialUniqueIndexes).toEqual([]);
      expect(columns('schedules', flavor, '2.5.6')).not.toContain('managed_by');
    }
  });

  it('leaves the unchanged types alone whatever the version', () => {
    for (const type of ['memories', 'approvals', 'learnings', 'traces']) {
      expect(def(type, 'postgres', '2.5.6'), type).toEqual(def(type, 'postgres'));
    }
  });
});
