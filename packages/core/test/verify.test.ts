import { describe, expect, it } from 'vitest';
import { resolveTableType } from '../src/index.js';
import type { Flavor, TableState } from '../src/dialect-api.js';
import { freshState, verify, mapColumn, kinds } from './support/verify-dialect.js';

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
  const verifyWith = (type: string, flavor: Flavor, state: TableState) => verify(type, flavor, state, '2.5.6', names);

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
