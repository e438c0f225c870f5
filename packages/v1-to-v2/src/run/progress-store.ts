import type { Connection, Dialect, Statement, TableDef } from '@agno-migrate/core';
import { runAsync } from '@agno-migrate/core';

export const DEFAULT_PROGRESS_TABLE = 'agno_v1_to_v2_progress';

/** How far one source → target copy got; committed in the same transaction as each batch. */
export interface SavedProgress {
  readonly status: 'running' | 'done';
  readonly lastKey: string | null;
  readonly read: number;
  readonly inserted: number;
  readonly updated: number;
  readonly skipped: Readonly<Record<string, number>>;
  /** v2 rows kept as they were (changed after the migration), by reason. */
  readonly kept: Readonly<Record<string, number>>;
  readonly runsDropped: number;
  readonly startedAt: number;
}

const COLUMNS = [
  'source_table',
  'target_table',
  'status',
  'last_key',
  'rows_read',
  'rows_inserted',
  'rows_updated',
  'rows_skipped',
  'skipped_reasons',
  'runs_dropped',
  'started_at',
  'updated_at',
] as const;

/** The resume table, declared like a catalog table so each dialect creates it in its own DDL. */
function progressTableDef(): TableDef {
  const str = (name: string, length: number) => ({ name, type: { kind: 'string' as const, length }, nullable: false });
  const bigint = (name: string) => ({ name, type: { kind: 'bigint' as const }, nullable: false });
  return {
    tableType: 'v1_to_v2_progress',
    columns: [
      str('source_table', 255),
      str('target_table', 255),
      str('status', 16),
      { name: 'last_key', type: { kind: 'text' }, nullable: true },
      bigint('rows_read'),
      bigint('rows_inserted'),
      bigint('rows_updated'),
      bigint('rows_skipped'),
      { name: 'skipped_reasons', type: { kind: 'text' }, nullable: false },
      bigint('runs_dropped'),
      bigint('started_at'),
      bigint('updated_at'),
    ],
    primaryKey: ['source_table', 'target_table'],
    compositeIndexes: [],
    uniqueConstraints: [],
    partialUniqueIndexes: [],
    foreignKeys: [],
  };
}

/**
 * The resume point lives in a small table next to the v2 tables: one row per source → target,
 * written in the same transaction as the batch it describes, so after a crash the saved cursor
 * and the rows in the target always agree. A finished copy keeps its row (status done, counts) as
 * a record: a run resuming a stopped one skips it, a fresh run starts it over (the keep rule makes
 * that harmless: it only replaces v2 rows older than their v1 row).
 */
export class ProgressStore {
  constructor(
    private readonly dialect: Dialect,
    readonly table: string,
  ) {}

  async ensure(conn: Connection): Promise<void> {
    const existing = await runAsync(this.dialect.introspector.existingTables([this.table]), conn);
    if (existing.has(this.table)) return;
    for (const statement of this.dialect.emitter.createTable(progressTableDef(), this.table, {}))
      await conn.query(statement.sql, statement.params);
  }

  async load(conn: Connection, source: string, target: string): Promise<SavedProgress | null> {
    const q = (n: string) => this.dialect.emitter.quoteIdent(n);
    const p = (i: number) => this.dialect.emitter.placeholder(i);
    const result = await conn.query(
      `SELECT ${COLUMNS.map(q).join(', ')} FROM ${this.dialect.emitter.qualify(this.table)} WHERE ${q('source_table')} = ${p(1)} AND ${q('target_table')} = ${p(2)}`,
      [source, target],
    );
    const row = result.rows[0];
    if (!row) return null;
    return {
      status: row['status'] === 'done' ? 'done' : 'running',
      lastKey: row['last_key'] === null || row['last_key'] === undefined ? null : String(row['last_key']),
      read: Number(row['rows_read']),
      inserted: Number(row['rows_inserted']),
      updated: Number(row['rows_updated']),
      ...parseReasons(row['skipped_reasons']),
      runsDropped: Number(row['runs_dropped']),
      startedAt: Number(row['started_at']),
    };
  }

  save(source: string, target: string, progress: SavedProgress, nowSeconds: number): Statement {
    const skipped = Object.values(progress.skipped).reduce((a, b) => a + b, 0);
    const values = [
      source,
      target,
      progress.status,
      progress.lastKey,
      progress.read,
      progress.inserted,
      progress.updated,
      skipped,
      JSON.stringify(Object.keys(progress.kept).length === 0 ? progress.skipped : { ...progress.skipped, [KEPT_KEY]: progress.kept }),
      progress.runsDropped,
      progress.startedAt,
      nowSeconds,
    ];
    return this.dialect.emitter.upsertRows(
      {
        table: this.dialect.emitter.qualify(this.table),
        columns: COLUMNS,
        conflict: ['source_table', 'target_table'],
        update: COLUMNS.slice(2),
      },
      [values],
    );
  }
}

/**
 * The kept counts travel in `skipped_reasons` under their own key, so a progress table made by an
 * earlier version needs no new column.
 */
const KEPT_KEY = '$kept';

function numbers(value: unknown): Record<string, number> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => k !== KEPT_KEY)
      .map(([k, v]) => [k, Number(v)]),
  );
}

function parseReasons(value: unknown): { skipped: Record<string, number>; kept: Record<string, number> } {
  try {
    const parsed = JSON.parse(String(value)) as Record<string, unknown> | null;
    return { skipped: numbers(parsed), kept: numbers(parsed?.[KEPT_KEY]) };
  } catch {
    return { skipped: {}, kept: {} };
  }
}
