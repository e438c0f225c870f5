import { MigrationManager } from '@agno-migrate/core';
import type { ManagerOptions, RunResult } from '@agno-migrate/core';
import type { Agno29Names, Agno29Type } from '../fixtures/agno-2-9-names.js';
import type { TestDatabase } from '../target.js';
import { shapeOf } from './shape.js';

export const V3_NOW = new Date('2026-09-01T00:00:00Z');

/** Fresh tables' names, beside the migrated ones in the same database. */
export const FRESH_29: Agno29Names = {
  metrics: 'fresh_metrics',
  evals: 'fresh_evals',
  knowledge: 'fresh_knowledge',
  components: 'fresh_components',
  schedules: 'fresh_schedules',
  schedule_runs: 'fresh_schedule_runs',
};

export function managerFor(db: TestDatabase, opened: MigrationManager[], opts: ManagerOptions = {}): MigrationManager {
  const m = new MigrationManager(db.dialect(), { now: () => V3_NOW, ...opts });
  opened.push(m);
  return m;
}

export async function versionsOf(db: TestDatabase, table = 'agno_schema_versions'): Promise<Record<string, string>> {
  const rows = await db.rows(`SELECT table_name, version FROM ${db.qualify(table)}`);
  return Object.fromEntries(rows.map((r) => [String(r['table_name']), String(r['version'])]));
}

export async function shapesOf(db: TestDatabase, names: Agno29Names, types: readonly Agno29Type[]): Promise<Record<string, string[]>> {
  return Object.fromEntries(await Promise.all(types.map(async (t) => [t, await shapeOf(db, names[t])] as const)));
}

/** Every row of the six tables, as comparable text (ids, owners and the values the step could touch). */
export async function rowsOf(db: TestDatabase, names: Agno29Names, types: readonly Agno29Type[]): Promise<Record<string, string[]>> {
  const keyOf: Record<Agno29Type, string> = {
    metrics: 'id',
    evals: 'run_id',
    knowledge: 'id',
    components: 'component_id',
    schedules: 'id',
    schedule_runs: 'id',
  };
  const out: Record<string, string[]> = {};
  for (const t of types) {
    const rows = await db.rows(`SELECT * FROM ${db.qualify(names[t])} ORDER BY ${db.quoteIdent(keyOf[t])}`);
    out[t] = rows.map((r) =>
      JSON.stringify(
        Object.keys(r)
          .sort()
          .map((k) => [k, normalizeValue(r[k])]),
      ),
    );
  }
  return out;
}

/** Drivers hand back dates, booleans and JSON differently: compare what they mean. */
function normalizeValue(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' && /^-?\d+$/.test(v) && v.length < 16) return Number(v);
  if (typeof v === 'string' && (v.startsWith('{') || v.startsWith('['))) {
    try {
      return JSON.stringify(JSON.parse(v));
    } catch {
      return v;
    }
  }
  if (v !== null && typeof v === 'object') return JSON.stringify(v);
  return v;
}

export const tableOf = (result: RunResult, type: string) => result.tables.find((t) => t.tableType === type);

/** Fresh 3.0 tables of the given types, created the way Agno 3.0 creates them. */
export async function freshShapes(
  db: TestDatabase,
  opened: MigrationManager[],
  types: readonly Agno29Type[],
): Promise<Record<string, string[]>> {
  const m = managerFor(db, opened, { tables: { ...FRESH_29 }, versionsTable: 'fresh_versions' });
  for (const t of types) await m.create({ tableType: t });
  return shapesOf(db, FRESH_29, types);
}
