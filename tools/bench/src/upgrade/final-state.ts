import { createHash } from 'node:crypto';
import { runAsync } from '@agno-migrate/core';
import type { TableState } from '@agno-migrate/core';
import type { BenchDatabase } from '../support/databases.js';
import { openRaw } from '../support/raw-client.js';
import { RUNS } from './cheapest-sql.js';
import { MEMORIES, SESSIONS } from './fixture.js';

/**
 * What an upgrade leaves, to check that the hand-written floor and the replayed sequence reach
 * exactly what `up()` reaches: each table's shape as the tool's own introspector reads it (columns
 * in order with types and nullability, indexes, keys, foreign keys) and a digest of its rows in key
 * order. Times taken from the clock (a missing created_at filled with "now", the versions rows'
 * stamps) differ between two runs by nature: they count as "now", not as their value.
 */
export type FinalState = ReadonlyMap<string, { readonly shape: string; readonly rows: string; readonly count: number }>;

const KEYS: Readonly<Record<string, string>> = { [MEMORIES]: 'memory_id', [SESSIONS]: 'session_id', [RUNS]: 'run_id' };
const PAGE = 5_000;
const TIME_COLUMNS = new Set(['created_at', 'updated_at']);

function sortedByName<T extends { readonly name: string | null }>(items: readonly T[] | undefined): T[] {
  return [...(items ?? [])].sort((a, b) => String(a.name).localeCompare(String(b.name)));
}

function shapeOf(state: TableState | null): string {
  if (state === null) return 'absent';
  return JSON.stringify({
    columns: state.columns.map((c) => [c.name, c.dataType, c.length ?? null, c.nullable, c.defaultValue ?? null]),
    primaryKey: state.primaryKey,
    indexes: sortedByName(state.indexes),
    unique: sortedByName(state.uniqueConstraints),
    foreignKeys: sortedByName(state.foreignKeys),
  });
}

function normalized(column: string, value: unknown, clockFrom: number): unknown {
  if (TIME_COLUMNS.has(column) && value !== null) {
    const n = Number(value);
    if (!Number.isFinite(n)) return 'stamp';
    if (n >= clockFrom) return 'now';
  }
  if (typeof value === 'bigint') return value.toString();
  if (Buffer.isBuffer(value)) return value.toString('hex');
  // Numbers as text: drivers read BIGINT as text or number depending on its size.
  if (typeof value === 'number') return String(value);
  return value;
}

export async function readFinalState(db: BenchDatabase, versionsTable: string, clockFrom: number): Promise<FinalState> {
  const dialect = db.dialect();
  const connection = await dialect.connector.connect();
  const raw = await openRaw(db.raw);
  const state = new Map<string, { shape: string; rows: string; count: number }>();
  const placeholder = db.kind === 'postgres' ? '$1' : '?';
  try {
    for (const table of [versionsTable, MEMORIES, SESSIONS, RUNS]) {
      const shape = shapeOf(await runAsync(dialect.introspector.introspect(table), connection));
      const key = KEYS[table] ?? 'table_name';
      const hash = createHash('sha256');
      let count = 0;
      let after = '';
      for (;;) {
        const page = await raw.rows(
          `SELECT * FROM ${db.qualify(table)} WHERE ${db.quoteIdent(key)} > ${placeholder} ORDER BY ${db.quoteIdent(key)} LIMIT ${PAGE}`,
          [after],
        );
        for (const row of page) {
          hash.update(JSON.stringify(Object.entries(row).map(([c, v]) => [c, normalized(c, v, clockFrom)])));
          hash.update('\n');
        }
        count += page.length;
        if (page.length < PAGE) break;
        after = String(page[page.length - 1]![key]);
      }
      state.set(table, { shape, rows: hash.digest('hex'), count });
    }
  } finally {
    await raw.close();
    await connection.close();
  }
  return state;
}

/** Throws, naming the table and what differs, unless `other` left what `reference` did. */
export function assertSameFinalState(reference: FinalState, other: FinalState, label: string, databaseLabel: string): void {
  for (const [table, expected] of reference) {
    const got = other.get(table);
    if (!got) throw new Error(`${databaseLabel}: ${label} left no ${table}`);
    if (got.shape !== expected.shape) {
      throw new Error(`${databaseLabel}: ${label} left ${table} shaped\n  ${got.shape}\nnot as up() did\n  ${expected.shape}`);
    }
    if (got.count !== expected.count || got.rows !== expected.rows) {
      throw new Error(`${databaseLabel}: ${label} left ${got.count} rows in ${table} differing from up()'s ${expected.count}`);
    }
  }
}
