import type { ConstraintState, Db, ForeignKeyState, IndexState, Row, Statement, TableState } from '@agno-migrate/core/dialect';
import { query, sql } from '@agno-migrate/core/dialect';
import { MysqlIntrospector } from '@agno-migrate/dialect-mysql';
import type { RecoverySql } from './singlestore-recovery.js';
import { recoverInterruptedRebuilds } from './singlestore-recovery.js';
import type { SinglestoreTableState } from './singlestore-state.js';

/** What finishing a killed run's rebuilds needs: its SQL, and whether this run holds the lease. */
export interface RebuildRecovery {
  readonly sql: RecoverySql;
  readonly lease: { holding(): boolean };
}

const SHARD_KEY_NAME = '__shardkey';
const SHARD_KEY_TYPES = new Set(['SHARD', 'METADATA_ONLY']);
const SORT_KEY_TYPE = 'CLUSTERED COLUMNSTORE';

/**
 * information_schema as SingleStore fills it: the shard key is listed as an index named
 * `__SHARDKEY`, a columnstore's sort key as a CLUSTERED COLUMNSTORE index, and the primary key may
 * be spelled `primary`. Neither key is a secondary index; both are kept for rebuilds.
 */
export class SinglestoreIntrospector extends MysqlIntrospector {
  constructor(
    schema: string,
    /** Absent: no rebuild is ever finished here (an introspector used on its own). */
    private readonly recovery?: RebuildRecovery,
  ) {
    super(schema);
  }

  /** Under the lease, a rebuild a killed run left half-swapped is finished before tables are looked at. */
  override *existingTables(tables: readonly string[]): Db<Set<string>> {
    if (this.recovery?.lease.holding()) yield* recoverInterruptedRebuilds(this.recovery.sql, this.schema, tables);
    return yield* super.existingTables(tables);
  }

  override *introspect(table: string): Db<SinglestoreTableState | null> {
    const state = yield* super.introspect(table);
    if (!state) return null;
    return { ...state, storage: yield* this.storage(table) };
  }

  /** SingleStore has no foreign keys: none are read, so verify does not look for them. */
  // biome-ignore lint/correctness/useYield: the role's signature is a generator; nothing to ask the server
  protected override *foreignKeys(_table: string): Db<ForeignKeyState[] | undefined> {
    return undefined;
  }

  /** `SELECT *`: STORAGE_TYPE exists on SingleStore only, and the same query must run on MariaDB. */
  protected *storage(table: string): Db<SinglestoreTableState['storage']> {
    const result = yield* query('SELECT * FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?', [this.schema, table]);
    const row = result.rows[0] ?? {};
    const type = String(row['STORAGE_TYPE'] ?? row['storage_type'] ?? '').toUpperCase();
    if (type === 'COLUMNSTORE') return 'columnstore';
    if (type.includes('ROWSTORE')) return 'rowstore';
    return null;
  }

  protected override indexesQuery(table: string): Statement {
    return sql(
      'SELECT INDEX_NAME AS index_name, NON_UNIQUE AS non_unique, COLUMN_NAME AS column_name, INDEX_TYPE AS index_type ' +
        'FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY INDEX_NAME, SEQ_IN_INDEX',
      [this.schema, table],
    );
  }

  protected override keys(rows: readonly Row[]): Pick<TableState, 'indexes' | 'primaryKey' | 'uniqueConstraints'> {
    const byName = new Map<string, { unique: boolean; type: string; columns: string[] }>();
    for (const row of rows) {
      const name = text(row['index_name']);
      const entry = byName.get(name) ?? {
        unique: Number(row['non_unique']) === 0,
        type: text(row['index_type']).toUpperCase(),
        columns: [],
      };
      if (row['column_name'] != null && text(row['column_name']) !== '') entry.columns.push(text(row['column_name']));
      byName.set(name, entry);
    }
    const indexes: IndexState[] = [];
    const uniqueConstraints: ConstraintState[] = [];
    let primaryKey: ConstraintState | null = null;
    let shardKey: string[] | null = null;
    let sortKey: string[] | null = null;
    for (const [name, entry] of byName) {
      if (name.toLowerCase() === SHARD_KEY_NAME || SHARD_KEY_TYPES.has(entry.type)) shardKey = entry.columns;
      else if (entry.type === SORT_KEY_TYPE) sortKey = entry.columns;
      else if (name.toUpperCase() === 'PRIMARY') primaryKey = { name, columns: entry.columns };
      else {
        indexes.push({ name, columns: entry.columns, unique: entry.unique, valid: true });
        if (entry.unique) uniqueConstraints.push({ name, columns: entry.columns });
      }
    }
    const keys: Pick<SinglestoreTableState, 'indexes' | 'primaryKey' | 'uniqueConstraints' | 'shardKey' | 'sortKey'> = {
      indexes,
      primaryKey,
      uniqueConstraints,
      shardKey,
      sortKey,
    };
    return keys;
  }
}

function text(value: unknown): string {
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  return value == null ? '' : String(value);
}
