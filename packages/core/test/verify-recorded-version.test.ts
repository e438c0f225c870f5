import { describe, expect, it } from 'vitest';
import { resolveTableType, SCHEDULE_PROVENANCE_COLUMNS, TABLE_TYPES } from '../src/index.js';
import { compareTable } from '../src/verify/compare.js';
import type { ColumnState, Flavor, TableState } from '../src/dialect-api.js';
import { RenderingDialect, freshState, verify, mapColumn, kinds } from './support/verify-dialect.js';

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
