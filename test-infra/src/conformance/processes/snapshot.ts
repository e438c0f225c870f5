import type { TableState } from '@agno-migrate/core';
import type { TestDatabase } from '../../target.js';
import { readTables } from '../shape.js';

export const VERSIONS_TABLE = 'agno_schema_versions';

/** Everything a run may change in a database: every table's introspected shape and rows, and the versions. */
export interface Snapshot {
  readonly tables: Readonly<Record<string, { readonly shape: unknown; readonly rows: readonly string[] }>>;
  /** table name → recorded version (timestamps differ between runs and are left out). */
  readonly versions: Readonly<Record<string, string>>;
}

/** Columns in their order; indexes and constraints sorted by name, since catalogs list them in no particular order. */
function stableShape(state: TableState): unknown {
  const byName = <T extends { name: string | null }>(items: readonly T[]) =>
    [...items].sort((a, b) => String(a.name).localeCompare(String(b.name)));
  return { ...state, indexes: byName(state.indexes), uniqueConstraints: byName(state.uniqueConstraints) };
}

/**
 * A run stamps the clock into rows (memories.created_at of a row without updated_at): any epoch
 * second from `since` on reads as "<now>", so runs at different times compare equal.
 */
function normalizeValue(value: unknown, since: number): unknown {
  const numeric =
    typeof value === 'number' || typeof value === 'bigint'
      ? Number(value)
      : typeof value === 'string' && /^\d{10}$/.test(value)
        ? Number(value)
        : Number.NaN;
  if (Number.isFinite(numeric) && numeric >= since - 1 && numeric <= Date.now() / 1000 + 60) return '<now>';
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  return value;
}

function rowKey(row: Record<string, unknown>, since: number): string {
  const keys = Object.keys(row).sort();
  return JSON.stringify(keys.map((k) => [k, normalizeValue(row[k], since)]));
}

/**
 * Every table of the database as the dialect reads it, with its rows; `since` is when the runs
 * began, `versionsTable` the versions table's name when a run was told another.
 */
export async function snapshot(db: TestDatabase, since: number, versionsTable = VERSIONS_TABLE): Promise<Snapshot> {
  const tables: Record<string, { shape: unknown; rows: string[] }> = {};
  let versions: Record<string, string> = {};
  const names = await db.tableNames();
  const states = await readTables(db, names);
  for (const name of names) {
    const state = states.get(name);
    if (!state) continue;
    const all = await db.rows(`SELECT * FROM ${db.qualify(name)}`);
    if (name === versionsTable) {
      versions = Object.fromEntries(all.map((r) => [String(r['table_name']), String(r['version'])]));
      tables[name] = { shape: stableShape(state), rows: [] };
    } else {
      tables[name] = { shape: stableShape(state), rows: all.map((r) => rowKey(r, since)).sort() };
    }
  }
  return { tables, versions };
}

export const epochNow = () => Math.floor(Date.now() / 1000);
