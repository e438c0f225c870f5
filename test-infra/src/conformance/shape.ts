import type { TableState } from '@agno-migrate/core';
import { runAsync } from '@agno-migrate/core';
import type { TestDatabase } from '../target.js';

/** A table as read by the dialect, through a connection of its own. */
export async function readTable(db: TestDatabase, table: string): Promise<TableState | null> {
  return (await readTables(db, [table])).get(table) ?? null;
}

/** Tables as read by the dialect, through one connection of their own. */
export async function readTables(db: TestDatabase, tables: readonly string[]): Promise<Map<string, TableState | null>> {
  const dialect = db.dialect();
  const connection = await dialect.connector.connect();
  try {
    const states = new Map<string, TableState | null>();
    for (const table of tables) states.set(table, await runAsync(dialect.introspector.introspect(table), connection));
    return states;
  } finally {
    await connection.close();
  }
}

/**
 * A name-independent description of a table, for comparing a migrated table with a freshly created
 * one. Index names are dropped (Agno's migrations and its CREATE use different ones), unbounded
 * VARCHAR and TEXT are one kind (PostgreSQL columns Agno retyped without a migration), and a
 * unique constraint on exactly the primary key is redundant (SQLite keeps 2.2's).
 */
export function normalizeShape(state: TableState): string[] {
  const pk = state.primaryKey?.columns.join(',') ?? '';
  const type = (dataType: string, length: number | null | undefined) =>
    (dataType === 'text' && !length ? 'varchar' : dataType) + (length ? `(${length})` : '');
  return [
    ...state.columns.map((c) => `column ${c.name} ${type(c.dataType, c.length)} ${c.nullable ? 'NULL' : 'NOT NULL'}`).sort(),
    `primary key (${pk})`,
    ...state.indexes
      .filter((i) => i.valid)
      .map((i) => `${i.unique ? 'unique ' : ''}index (${i.columns.join(',')})`)
      .sort(),
    ...state.uniqueConstraints
      .filter((u) => u.columns.join(',') !== pk)
      .map((u) => `unique (${u.columns.join(',')})`)
      .sort(),
  ];
}

export async function shapeOf(db: TestDatabase, table: string): Promise<string[]> {
  const state = await readTable(db, table);
  if (!state) throw new Error(`table ${table} does not exist`);
  return normalizeShape(state);
}
