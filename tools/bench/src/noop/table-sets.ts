import { agnoTimestamp, MigrationManager, TABLE_TYPES, VERSIONS_TABLE } from '@agno-migrate/core';
import type { TableTypeInfo } from '@agno-migrate/core';
import type { BenchDatabase } from '../support/databases.js';
import { openRaw } from '../support/raw-client.js';

type Info = TableTypeInfo & { readonly migrated?: boolean; readonly flavors?: readonly string[] };

/**
 * The table types `up` migrates and `create` makes (Agno's migration registry): a type Agno 3.0
 * retired (culture) is kept by the tool for existing tables but never created, so no set has one.
 */
function migrated(): Info[] {
  return (TABLE_TYPES as readonly Info[]).filter((t) => t.migrated !== false && t.retired === undefined);
}

/** The migrated types Agno creates on this database (it never creates approvals on MySQL). */
export function migratedTypesOn(db: BenchDatabase): string[] {
  const flavor = db.dialect().flavor;
  return migrated()
    .filter((t) => t.flavors === undefined || t.flavors.includes(flavor))
    .map((t) => t.type);
}

/** Set 0 is Agno's default names; set n renames every migrated table to `s<n>_<default>`. */
export function tableSetNames(set: number): Record<string, string> {
  if (set === 0) return {};
  const prefix = `s${String(set).padStart(2, '0')}_`;
  return Object.fromEntries(migrated().map((t) => [t.type, `${prefix}${t.defaultName}`]));
}

/**
 * Creates renamed table sets 1 … count-1 beside set 0, all stamped at the latest version in the one
 * shared versions table. On SQLite through the tool; on the servers as copies of set 0's tables
 * (`CREATE TABLE … LIKE`) and one INSERT of their versions rows, because hundreds of tool runs of
 * DDL would take minutes on MariaDB and only existence and versions rows matter to a no-op.
 */
export async function createTableSets(db: BenchDatabase, count: number): Promise<void> {
  const types = migratedTypesOn(db);
  if (db.kind === 'sqlite') {
    for (let set = 1; set < count; set++) {
      const manager = new MigrationManager(db.dialect(), { tables: tableSetNames(set) });
      try {
        for (const tableType of types) await manager.create({ tableType });
      } finally {
        await manager.close();
      }
    }
    return;
  }
  const defaults = Object.fromEntries(migrated().map((t) => [t.type, t.defaultName]));
  const latest = new MigrationManager(db.dialect()).graph.latest;
  const stamp = agnoTimestamp(new Date());
  const raw = await openRaw(db.raw);
  try {
    const rows: unknown[] = [];
    for (let set = 1; set < count; set++) {
      const names = tableSetNames(set);
      for (const type of types) {
        const from = db.qualify(defaults[type]!);
        const to = db.qualify(names[type]!);
        await raw.exec(db.kind === 'postgres' ? `CREATE TABLE ${to} (LIKE ${from} INCLUDING ALL)` : `CREATE TABLE ${to} LIKE ${from}`);
        rows.push(names[type], latest, stamp, stamp);
      }
    }
    const marks = (i: number) => (db.kind === 'postgres' ? `($${i + 1}, $${i + 2}, $${i + 3}, $${i + 4})` : '(?, ?, ?, ?)');
    const values = Array.from({ length: rows.length / 4 }, (_, i) => marks(i * 4)).join(', ');
    await raw.exec(
      `INSERT INTO ${db.qualify(VERSIONS_TABLE.defaultName)} (table_name, version, created_at, updated_at) VALUES ${values}`,
      rows,
    );
  } finally {
    await raw.close();
  }
}
