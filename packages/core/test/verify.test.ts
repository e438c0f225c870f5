import { describe, expect, it } from 'vitest';
import type {
  ColumnState,
  Db,
  Dialect,
  DialectCapabilities,
  Flavor,
  LogicalType,
  Operation,
  OperationContext,
  Statement,
  TableState,
  TypeRules,
} from '../src/dialect-api.js';
import {
  BaseEmitter,
  BaseErrors,
  BaseIntrospector,
  BaseLock,
  BaseConnector,
  DEFAULT_CAPABILITIES,
  STRICT_TYPE_RULES,
} from '../src/dialect-api.js';
import type { Connection, WriteLimits } from '../src/dialect-api.js';
import { AGNO_STEPS, indexesFor, resolveTableType, SCHEDULE_PROVENANCE_COLUMNS, TABLE_TYPES, VersionGraph } from '../src/index.js';
import { compareTable } from '../src/verify/compare.js';
import { verifyTable } from '../src/verify/verify-table.js';

const noDatabase = (): never => {
  throw new Error('no database here');
};

/** Only what verify uses of an emitter: SQL rendering and the declared types. */
class RenderingEmitter extends BaseEmitter {
  constructor(
    readonly flavor: Flavor,
    private readonly capabilities: DialectCapabilities,
  ) {
    super(undefined);
  }
  /** As the SQLite dialect does: a primary key cannot be added to an existing table there. */
  override renderOperation(op: Operation, state: TableState, ctx: OperationContext): Statement[] {
    if (op.kind === 'addPrimaryKey' && !this.capabilities.alterPrimaryKey) throw new Error('cannot add a primary key here');
    return super.renderOperation(op, state, ctx);
  }
  columnType(type: LogicalType): string {
    if (type.kind === 'json' && this.flavor === 'postgres') return 'JSONB';
    return type.kind === 'string' ? (type.length ? `VARCHAR(${type.length})` : 'VARCHAR') : type.kind.toUpperCase();
  }
}

/** The type rules each dialect package states for its database. */
const TYPE_RULES: Record<Flavor, TypeRules> = {
  postgres: { unboundedStrings: true, ignoresLengths: false, unsizedStringsHaveNoLength: true, jsonType: 'jsonb' },
  sqlite: { unboundedStrings: true, ignoresLengths: true, unsizedStringsHaveNoLength: false, jsonType: 'json' },
  mysql: STRICT_TYPE_RULES,
  singlestore: STRICT_TYPE_RULES,
};

class RulesIntrospector extends BaseIntrospector {
  constructor(protected override readonly typeRules: TypeRules) {
    super();
  }
  introspect(): Db<TableState | null> {
    return noDatabase();
  }
  existingTables(): Db<Set<string>> {
    return noDatabase();
  }
}

class NoConnector extends BaseConnector {
  connect(): Promise<Connection> {
    return noDatabase();
  }
  writeLimits(): Promise<WriteLimits> {
    return noDatabase();
  }
}

class NoLock extends BaseLock {
  acquire(): Db<void> {
    return noDatabase();
  }
  release(): Db<void> {
    return noDatabase();
  }
}

/** Only what verify uses of a dialect: its flavour, capabilities, SQL rendering and type rules; no database. */
class RenderingDialect implements Dialect {
  readonly name: string;
  readonly namespace = undefined;
  readonly displayTarget = 'test';
  readonly capabilities: DialectCapabilities;
  readonly connector = new NoConnector();
  readonly emitter: RenderingEmitter;
  readonly introspector: RulesIntrospector;
  readonly lock = new NoLock();
  readonly errors: BaseErrors;
  constructor(readonly flavor: Flavor) {
    this.name = flavor;
    this.capabilities = { ...DEFAULT_CAPABILITIES, jsonb: flavor === 'postgres', alterPrimaryKey: flavor !== 'sqlite' };
    this.emitter = new RenderingEmitter(flavor, this.capabilities);
    this.introspector = new RulesIntrospector(TYPE_RULES[flavor]);
    this.errors = new BaseErrors(flavor);
  }
}

const DB_NAMES: Record<Flavor, Record<LogicalType['kind'], string>> = {
  postgres: { string: 'varchar', text: 'text', json: 'jsonb', bigint: 'bigint', integer: 'integer', boolean: 'boolean', date: 'date' },
  sqlite: { string: 'varchar', text: 'text', json: 'json', bigint: 'bigint', integer: 'bigint', boolean: 'boolean', date: 'date' },
  mysql: { string: 'varchar', text: 'text', json: 'json', bigint: 'bigint', integer: 'integer', boolean: 'boolean', date: 'date' },
  singlestore: { string: 'varchar', text: 'text', json: 'json', bigint: 'bigint', integer: 'integer', boolean: 'boolean', date: 'date' },
};

/** The table a fresh CREATE gives, as an introspector would read it back: by Agno 2.x unless a version is given. */
function freshState(type: string, table: string, flavor: Flavor, version = '2.5.6'): TableState {
  const def = resolveTableType(type).define(flavor, version);
  return {
    name: table,
    columns: def.columns.map(
      (c): ColumnState => ({
        name: c.name,
        dataType: DB_NAMES[flavor][c.type.kind],
        length: c.type.kind === 'string' ? (c.type.length ?? null) : null,
        nullable: c.nullable && !def.primaryKey.includes(c.name),
      }),
    ),
    indexes: indexesFor(def, table).map((i) => ({
      name: i.name,
      columns: i.columns,
      unique: i.unique,
      valid: true,
      ...(i.where ? { where: i.where } : {}),
    })),
    primaryKey: def.primaryKey.length > 0 ? { name: `${table}_pkey`, columns: def.primaryKey } : null,
    uniqueConstraints: [
      ...def.uniqueConstraints.map((u) => ({ name: `${table}_${u.suffix}`, columns: u.columns })),
      ...def.columns.filter((c) => c.unique).map((c) => ({ name: `${table}_${c.name}_key`, columns: [c.name] })),
    ],
  };
}

const graph = new VersionGraph('2.0.0', AGNO_STEPS);
const verify = (type: string, flavor: Flavor, state: TableState, recorded: string | null) =>
  verifyTable({
    dialect: new RenderingDialect(flavor),
    graph,
    info: resolveTableType(type),
    table: state.name,
    state,
    recorded,
    current: recorded ?? '2.0.0',
  });
const mapColumn = (s: TableState, name: string, f: (c: ColumnState) => ColumnState | null): TableState => ({
  ...s,
  columns: s.columns.flatMap((c) => (c.name === name ? [f(c)].filter((x): x is ColumnState => x !== null) : [c])),
  indexes: s.indexes.filter((i) => !(i.columns.includes(name) && f(s.columns.find((c) => c.name === name)!) === null)),
});
const kinds = (r: ReturnType<typeof verify>) => r.findings.map((f) => `${f.kind} ${f.column ?? (f.columns ?? []).join(',')}`);

describe('verify: fresh tables', () => {
  it('a fresh table of every type verifies clean on every flavour it exists on', () => {
    for (const flavor of ['postgres', 'sqlite', 'mysql', 'singlestore'] as const) {
      for (const info of (['memories', 'sessions', 'metrics', 'traces', 'spans'] as const).map((t) => resolveTableType(t))) {
        expect(
          kinds(verify(info.type, flavor, freshState(info.type, `agno_${info.type}`, flavor), '2.5.6')),
          `${flavor} ${info.type}`,
        ).toEqual([]);
      }
    }
    for (const type of ['components', 'component_links', 'schedules', 'service_accounts', 'auth_tokens', 'mcp_oauth_keys', 'approvals']) {
      for (const flavor of ['postgres', 'sqlite'] as const)
        expect(kinds(verify(type, flavor, freshState(type, 't', flavor), '2.5.6'))).toEqual([]);
    }
  });
});

describe('verify: the known differences between fresh and migrated tables are not drift', () => {
  it('approvals.run_status as TEXT with an ix_ index, as Agno 2.5.6 adds it', () => {
    for (const flavor of ['postgres', 'sqlite'] as const) {
      const fresh = freshState('approvals', 'ap', flavor);
      const migrated: TableState = {
        ...mapColumn(fresh, 'run_status', (c) => ({ ...c, dataType: 'text', length: null })),
        indexes: [
          ...fresh.indexes.filter((i) => i.name !== 'idx_ap_run_status'),
          { name: 'ix_ap_run_status', columns: ['run_status'], unique: false, valid: true },
        ],
      };
      expect(kinds(verify('approvals', flavor, migrated, '2.5.6'))).toEqual([]);
    }
  });

  it('PostgreSQL VARCHAR where later schemas say TEXT, and culture.content left JSON', () => {
    let s = mapColumn(freshState('memories', 'm', 'postgres'), 'input', (c) => ({ ...c, dataType: 'varchar' }));
    expect(kinds(verify('memories', 'postgres', s, '2.5.6'))).toEqual([]);
    s = mapColumn(freshState('culture', 'c', 'postgres'), 'content', (c) => ({ ...c, dataType: 'json' }));
    expect(kinds(verify('culture', 'postgres', s, '2.5.6'))).toEqual([]);
  });

  it("SQLite sessions keeping 2.2's unique constraint on the primary key; a wider MySQL VARCHAR", () => {
    const sqlite = freshState('sessions', 's', 'sqlite');
    expect(
      kinds(verify('sessions', 'sqlite', { ...sqlite, uniqueConstraints: [{ name: null, columns: ['session_id'] }] }, '2.5.6')),
    ).toEqual([]);
    const wide = mapColumn(freshState('sessions', 's', 'mysql'), 'user_id', (c) => ({ ...c, length: 255 }));
    expect(kinds(verify('sessions', 'mysql', wide, '2.5.6'))).toEqual([]);
  });

  it('SingleStore memories.created_at left nullable by Agno, but not on MySQL', () => {
    const nullable = (flavor: Flavor) => mapColumn(freshState('memories', 'm', flavor), 'created_at', (c) => ({ ...c, nullable: true }));
    expect(kinds(verify('memories', 'singlestore', nullable('singlestore'), '2.5.6'))).toEqual([]);
    expect(kinds(verify('memories', 'mysql', nullable('mysql'), '2.5.6'))).toEqual(['wrong-nullability created_at']);
  });
});

describe('verify: drift', () => {
  it('a shorter MySQL VARCHAR and a bounded PostgreSQL VARCHAR are wrong types', () => {
    const short = mapColumn(freshState('sessions', 's', 'mysql'), 'user_id', (c) => ({ ...c, length: 64 }));
    const finding = verify('sessions', 'mysql', short, '2.5.6').findings[0];
    expect(finding).toMatchObject({ kind: 'wrong-type', column: 'user_id', expected: 'VARCHAR(128)', actual: 'VARCHAR(64)' });
    const bounded = mapColumn(freshState('sessions', 's', 'postgres'), 'user_id', (c) => ({ ...c, length: 64 }));
    expect(kinds(verify('sessions', 'postgres', bounded, '2.5.6'))).toEqual(['wrong-type user_id']);
  });

  it('an extra column and a missing index', () => {
    const fresh = freshState('traces', 't', 'sqlite');
    const s: TableState = {
      ...fresh,
      columns: [...fresh.columns, { name: 'mine', dataType: 'text', nullable: true }],
      indexes: fresh.indexes.filter((i) => i.name !== 'idx_t_status'),
    };
    const result = verify('traces', 'sqlite', s, '2.5.6');
    expect(kinds(result)).toEqual(['extra-column mine', 'missing-index status']);
    expect(result.findings[1]?.message).toBe(
      'the index idx_t_status on (status) is missing: run this: CREATE INDEX "idx_t_status" ON "t" ("status")',
    );
    expect(result.health).toBe('drift');
  });

  it('a partial unique index is needed, not just any index on its column', () => {
    const fresh = freshState('service_accounts', 'sa', 'postgres');
    const s = { ...fresh, indexes: fresh.indexes.filter((i) => !i.unique) };
    expect(kinds(verify('service_accounts', 'postgres', s, '2.5.6'))).toEqual(['missing-index name']);
  });
});

describe('verify: partial unique indexes, where the dialect reads predicates', () => {
  const accounts = (where: string | undefined): TableState => {
    const fresh = freshState('service_accounts', 'sa', 'postgres');
    return {
      ...fresh,
      indexPredicates: true,
      indexes: fresh.indexes.map((i) =>
        i.name === 'sa_uq_active_name' ? { name: i.name, columns: i.columns, unique: true, valid: true, ...(where ? { where } : {}) } : i,
      ),
    };
  };

  it('accepts the predicate as the database prints it, and names a full unique index as the difference', () => {
    expect(kinds(verify('service_accounts', 'postgres', accounts('(revoked_at IS NULL)'), '2.5.6'))).toEqual([]);
    const full = verify('service_accounts', 'postgres', accounts(undefined), '2.5.6');
    expect(kinds(full)).toEqual(['missing-index name']);
    expect(full.findings[0]?.message).toContain('WHERE revoked_at IS NULL is missing');
    expect(full.findings[0]?.fix).toEqual({
      kind: 'sql',
      statements: ['DROP INDEX "sa_uq_active_name"', 'CREATE UNIQUE INDEX "sa_uq_active_name" ON "sa" ("name") WHERE revoked_at IS NULL'],
    });
    expect(kinds(verify('service_accounts', 'postgres', accounts('(revoked_at IS NOT NULL)'), '2.5.6'))).toEqual(['missing-index name']);
  });
});

describe('verify: foreign keys, where the dialect reads them', () => {
  const names = { traces: 'my_traces', schedules: 'agno_schedules' };
  const verifyWith = (type: string, flavor: Flavor, state: TableState) =>
    verifyTable({
      dialect: new RenderingDialect(flavor),
      graph,
      info: resolveTableType(type),
      table: state.name,
      state,
      recorded: '2.5.6',
      current: '2.5.6',
      names,
    });

  it('follows a renamed referenced table, and says how to add a missing key', () => {
    const spans = freshState('spans', 'sp', 'postgres');
    const good = {
      ...spans,
      foreignKeys: [
        {
          name: 'sp_trace_id_fkey',
          columns: ['trace_id'],
          referencedTable: 'my_traces',
          referencedColumns: ['trace_id'],
          onDelete: 'NO ACTION',
        },
      ],
    };
    expect(kinds(verifyWith('spans', 'postgres', good))).toEqual([]);
    const [missing] = verifyWith('spans', 'postgres', { ...spans, foreignKeys: [] }).findings;
    expect(missing?.message).toBe(
      'the foreign key (trace_id) → my_traces (trace_id) is missing: run this: ALTER TABLE "sp" ADD FOREIGN KEY ("trace_id") REFERENCES "my_traces" ("trace_id")',
    );
    expect(kinds(verifyWith('spans', 'postgres', spans))).toEqual([]);
  });

  it('a cascade that became NO ACTION is replaced; SQLite needs a rebuild', () => {
    const runs = freshState('schedule_runs', 'r', 'postgres');
    const live = {
      name: 'r_schedule_id_fkey',
      columns: ['schedule_id'],
      referencedTable: 'agno_schedules',
      referencedColumns: ['id'],
      onDelete: 'NO ACTION',
    };
    const [finding] = verifyWith('schedule_runs', 'postgres', { ...runs, foreignKeys: [live] }).findings;
    expect(finding?.fix).toEqual({
      kind: 'sql',
      statements: [
        'ALTER TABLE "r" DROP CONSTRAINT "r_schedule_id_fkey"',
        'ALTER TABLE "r" ADD FOREIGN KEY ("schedule_id") REFERENCES "agno_schedules" ("id") ON DELETE CASCADE',
      ],
    });
    const sqlite = verifyWith('schedule_runs', 'sqlite', {
      ...freshState('schedule_runs', 'r', 'sqlite'),
      foreignKeys: [{ ...live, name: null }],
    });
    expect(sqlite.findings[0]?.fix.kind).toBe('manual');
    expect(sqlite.findings[0]?.message).toContain("has ON DELETE NO ACTION, Agno's has ON DELETE CASCADE");
  });
});

describe('verify: expected shape at the recorded version', () => {
  const memories22 = (flavor: Flavor) => {
    const fresh = freshState('memories', 'm', flavor);
    const s = mapColumn(
      mapColumn(fresh, 'created_at', () => null),
      'feedback',
      () => null,
    );
    return flavor === 'postgres'
      ? mapColumn(
          mapColumn(s, 'memory', (c) => ({ ...c, dataType: 'json' })),
          'topics',
          (c) => ({ ...c, dataType: 'json' }),
        )
      : s;
  };

  it('a 2.2-era table recorded at 2.0.0 is what its version promises: ok, with steps pending', () => {
    for (const flavor of ['postgres', 'sqlite', 'mysql'] as const) {
      const result = verify('memories', flavor, memories22(flavor), null);
      expect(kinds(result), flavor).toEqual([]);
      expect(result.pending).toEqual(['2.3.0', '2.5.0', '2.5.6', '3.0.0']);
      expect(result.health).toBe('ok');
    }
  });

  it('the same table stamped 2.5.6 lies: each missing piece names step 2.3.0 and up --force', () => {
    const result = verify('memories', 'postgres', memories22('postgres'), '2.5.6');
    expect(kinds(result)).toEqual([
      'wrong-type memory',
      'missing-column feedback',
      'wrong-type topics',
      'missing-column created_at',
      'missing-index created_at',
    ]);
    expect(result.missingSteps).toEqual(['2.3.0']);
    for (const f of result.findings)
      expect(f.fix).toEqual({
        kind: 'force-up',
        tableType: 'memories',
        step: '2.3.0',
      });
    expect(result.findings[1]?.what).toBe('column feedback (TEXT) is missing, though the versions row says 2.5.6');
    expect(result.findings[1]?.message).toBe(
      'column feedback (TEXT) is missing, though the versions row says 2.5.6: step 2.3.0 is not applied here; run up again with force for table type memories',
    );
  });

  it('sessions without the 2.5.0 primary key but stamped 2.5.6 names step 2.5.0', () => {
    const fresh = freshState('sessions', 's', 'postgres');
    const s: TableState = { ...fresh, primaryKey: null, uniqueConstraints: [{ name: 's_uq_session_id', columns: ['session_id'] }] };
    const result = verify('sessions', 'postgres', s, '2.5.6');
    expect(kinds(result)).toEqual(['missing-primary-key session_id']);
    expect(result.missingSteps).toEqual(['2.5.0']);
    expect(kinds(verify('sessions', 'postgres', s, '2.3.0'))).toEqual([]);
  });

  it('a difference no step repairs gets SQL, not up --force', () => {
    const s = mapColumn(freshState('memories', 'm', 'mysql'), 'agent_id', () => null);
    const [finding] = verify('memories', 'mysql', s, '2.5.6').findings;
    expect(finding?.fix).toEqual({ kind: 'sql', statements: ['ALTER TABLE "m" ADD COLUMN "agent_id" VARCHAR(128)'] });
  });

  it('compareTable is the latest shape only: used on its own it flags what a pending step would add', () => {
    const def = resolveTableType('memories').define('sqlite');
    expect(compareTable(def, 'm', memories22('sqlite'), new RenderingDialect('sqlite')).map((d) => d.kind)).toEqual([
      'missing-column',
      'missing-column',
      'missing-index',
    ]);
  });
});

describe('verify: a repair the dialect cannot run is not offered', () => {
  it('SQLite sessions without a primary key: a rebuild, not up --force (SQLite cannot add one in place)', () => {
    const s: TableState = { ...freshState('sessions', 's', 'sqlite'), primaryKey: null };
    const result = verify('sessions', 'sqlite', s, '2.5.6');
    expect(kinds(result)).toEqual(['missing-primary-key session_id']);
    expect(result.missingSteps).toEqual([]);
    expect(result.findings[0]?.message).toContain('sqlite cannot change the primary key of an existing table: rebuild it');
  });
});

describe('verify at Agno 3.0: fresh and migrated shapes', () => {
  const ALL: readonly Flavor[] = ['postgres', 'sqlite', 'mysql', 'singlestore'];
  const v3 = (type: string, flavor: Flavor, table = `agno_${type}`) => freshState(type, table, flavor, '3.0.0');

  it('a fresh 3.0 table of every type verifies clean, stamped 3.0.0, on every flavour Agno creates it on', () => {
    for (const info of TABLE_TYPES.filter((t) => t.retired === undefined)) {
      for (const flavor of ALL.filter((f) => info.flavors.includes(f))) {
        const result = verify(info.type, flavor, v3(info.type, flavor), '3.0.0');
        expect(kinds(result), `${flavor} ${info.type}`).toEqual([]);
        expect(result.pending).toEqual([]);
      }
    }
  });

  it('a migrated sessions table keeps its legacy runs column: not drift', () => {
    for (const flavor of ALL) {
      const fresh = v3('sessions', flavor);
      const runs: ColumnState = { name: 'runs', dataType: flavor === 'postgres' ? 'jsonb' : 'json', length: null, nullable: true };
      expect(kinds(verify('sessions', flavor, { ...fresh, columns: [...fresh.columns, runs] }, '3.0.0')), flavor).toEqual([]);
    }
  });

  it('any other extra column still is', () => {
    const fresh = v3('sessions', 'postgres');
    const extra: ColumnState = { name: 'notes', dataType: 'text', length: null, nullable: true };
    expect(kinds(verify('sessions', 'postgres', { ...fresh, columns: [...fresh.columns, extra] }, '3.0.0'))).toEqual([
      'extra-column notes',
    ]);
  });

  it("SQLite schedules' provenance columns as TEXT, as Agno's migration adds them", () => {
    let migrated = v3('schedules', 'sqlite');
    for (const name of SCHEDULE_PROVENANCE_COLUMNS) migrated = mapColumn(migrated, name, (c) => ({ ...c, dataType: 'text' }));
    expect(kinds(verify('schedules', 'sqlite', migrated, '3.0.0'))).toEqual([]);
  });

  it('a table stamped 3.0.0 without its owner column is drift', () => {
    const s = mapColumn(v3('evals', 'mysql'), 'user_id', () => null);
    expect(kinds(verify('evals', 'mysql', s, '3.0.0'))).toEqual(['missing-column user_id', 'missing-index user_id']);
    const m = mapColumn(v3('metrics', 'postgres'), 'user_id', (c) => ({ ...c, nullable: true }));
    expect(kinds(verify('metrics', 'postgres', m, '3.0.0'))).toEqual(['wrong-nullability user_id']);
  });

  it('a 2.x table still at 2.5.6 verifies against its 2.x shape', () => {
    for (const flavor of ALL) {
      for (const type of ['sessions', 'evals', 'knowledge', 'metrics']) {
        expect(kinds(verify(type, flavor, freshState(type, `agno_${type}`, flavor, '2.5.6'), '2.5.6')), `${flavor} ${type}`).toEqual([]);
      }
    }
  });
});
