import type { ColumnState, IndexState, Statement } from '@agno-migrate/core/dialect';
import { sql } from '@agno-migrate/core/dialect';
import { stateColumnType } from '@agno-migrate/dialect-mysql';
import { rebuildNames } from './singlestore-names.js';
import type { SinglestoreTableState } from './singlestore-state.js';

/** What a rebuild needs from the dialect to write its SQL. */
export interface RebuildSql {
  quoteIdent(name: string): string;
  qualify(table: string): string;
  columnList(columns: readonly string[]): string;
  /** Index columns, with the prefix length a TEXT column needs. */
  indexColumns(columns: readonly string[], state: SinglestoreTableState): string;
  /** A non-unique index on `table`, as the dialect adds one in place. */
  plainIndex(table: string, name: string, columns: readonly string[], state: SinglestoreTableState): Statement;
}

/**
 * Rebuild-and-swap, for the changes SingleStore cannot make in place (keys are fixed at CREATE
 * TABLE; nullability cannot change on a columnstore): the new shape is created beside the live
 * table, filled by INSERT … SELECT, then the names are swapped. Each statement commits on its own,
 * and after each one either the live table or the new one is whole:
 *
 *   1–2  leftovers of an earlier attempt are dropped (the live table exists, so they are spare);
 *   3–5  the new table is created and filled; a crash here leaves the live table untouched;
 *   6    live → `<table>__agno_old`;  7  new → `<table>`;  8  the old copy is dropped.
 *
 * A crash between 6 and 7 leaves both copies whole under the rebuild names; the next locked run
 * finishes the swap before it looks at the tables (see singlestore-recovery.ts).
 */
export function rebuildTable(r: RebuildSql, table: string, target: SinglestoreTableState): Statement[] {
  const { fresh, old } = rebuildNames(table);
  const columns = target.columns.map((c) => c.name);
  const secondary = target.indexes.filter((i) => !i.unique);
  return [
    sql(`DROP TABLE IF EXISTS ${r.qualify(fresh)}`),
    sql(`DROP TABLE IF EXISTS ${r.qualify(old)}`),
    createStatement(r, fresh, target),
    ...secondary.map((i) => r.plainIndex(fresh, i.name, i.columns, target)),
    sql(`INSERT INTO ${r.qualify(fresh)} (${r.columnList(columns)}) SELECT ${r.columnList(columns)} FROM ${r.qualify(table)}`),
    sql(`ALTER TABLE ${r.qualify(table)} RENAME TO ${r.qualify(old)}`),
    sql(`ALTER TABLE ${r.qualify(fresh)} RENAME TO ${r.qualify(table)}`),
    sql(`DROP TABLE ${r.qualify(old)}`),
  ];
}

/** Every key inline: SingleStore takes the primary, shard, sort and unique keys only at CREATE TABLE. */
function createStatement(r: RebuildSql, name: string, target: SinglestoreTableState): Statement {
  const params: unknown[] = [];
  const lines = target.columns.map((c) => columnLine(r, c, params));
  const pk = target.primaryKey?.columns ?? [];
  if (pk.length > 0) lines.push(`PRIMARY KEY (${r.columnList(pk)})`);
  if (target.shardKey && target.shardKey.length > 0) lines.push(`SHARD KEY (${r.columnList(target.shardKey)})`);
  if (target.storage === 'columnstore') lines.push(`SORT KEY (${r.columnList(target.sortKey ?? [])})`);
  for (const u of uniqueKeys(target)) lines.push(`UNIQUE KEY ${r.quoteIdent(u.name)} (${r.indexColumns(u.columns, target)})`);
  const kind = target.storage === 'rowstore' ? 'ROWSTORE TABLE' : 'TABLE';
  return sql(`CREATE ${kind} ${r.qualify(name)} (\n\t${lines.join(',\n\t')}\n)`, params);
}

function columnLine(r: RebuildSql, column: ColumnState, params: unknown[]): string {
  const base = `${r.quoteIdent(column.name)} ${stateColumnType(column)}${column.nullable ? '' : ' NOT NULL'}`;
  const value = column.defaultValue;
  if (value == null) return base;
  // information_schema gives SQL text on MariaDB ('x', 7) and the bare value on MySQL (x, 7).
  if (/^-?\d+(\.\d+)?$/.test(value) || /^'.*'$/s.test(value) || /^current_timestamp(\(\d*\))?$/i.test(value))
    return `${base} DEFAULT ${value}`;
  params.push(value);
  return `${base} DEFAULT ?`;
}

/** Unique indexes and the unique constraints an operation added (core keeps those apart). */
function uniqueKeys(state: SinglestoreTableState): { name: string; columns: readonly string[] }[] {
  const keys = new Map<string, readonly string[]>();
  for (const i of state.indexes) if (i.unique) keys.set(i.name, i.columns);
  for (const u of state.uniqueConstraints) if (u.name !== null && !keys.has(u.name)) keys.set(u.name, u.columns);
  return [...keys].map(([name, columns]) => ({ name, columns }));
}

/**
 * A unique key that strictly contains the new primary key can never be violated once the key
 * exists. Agno's 2.2–2.5 sessions DDL had one, `uq_session_type (session_id, session_type)`, and
 * dropped it from 2.6 on (SingleStore limits multi-column unique keys): a rebuild that adds the
 * primary key leaves it out, so a migrated table matches a fresh one.
 */
export function withoutKeysImpliedBy(state: SinglestoreTableState, pk: readonly string[]): SinglestoreTableState {
  const implied = (columns: readonly string[]) => columns.length > pk.length && pk.every((c) => columns.includes(c));
  return {
    ...state,
    indexes: state.indexes.filter((i: IndexState) => !(i.unique && implied(i.columns))),
    uniqueConstraints: state.uniqueConstraints.filter((u) => !implied(u.columns)),
  };
}

/** SingleStore requires the shard key inside the primary key: keep the live one when it fits. */
export function shardKeyFor(state: SinglestoreTableState, pk: readonly string[]): readonly string[] | null {
  const live = state.shardKey ?? null;
  if (live === null) return null;
  if (pk.length === 0 || live.every((c) => pk.includes(c))) return live;
  return pk;
}
