import type { Connection, Dialect } from '@agno-migrate/core';
import { ConfigurationError } from '@agno-migrate/core';
import { duplicateKeyUpsert } from './duplicate-key-upsert.js';
import type { SqlFamily, WriteLimits } from './family.js';
import { onConflictUpsert } from './on-conflict-upsert.js';

/** Enough rows per statement to amortise the round trip, small enough to keep memory flat. */
const BATCH_BYTES = 16 * 1024 * 1024;
/** PostgreSQL's own limit on one value is 1 GB; far beyond any sane session. */
const HUGE_ROW = 512 * 1024 * 1024;

const fixed = (limits: WriteLimits) => async () => limits;

const postgres: SqlFamily = {
  name: 'postgres',
  upsert: onConflictUpsert,
  begin: 'BEGIN',
  commit: 'COMMIT',
  rollback: 'ROLLBACK',
  runLock: true,
  // The bind message counts parameters in an Int16.
  limits: fixed({ maxParams: 65_535, batchBytes: BATCH_BYTES, maxRowBytes: HUGE_ROW }),
  wallClockDates: false,
};

const sqlite: SqlFamily = {
  name: 'sqlite',
  upsert: onConflictUpsert,
  begin: 'BEGIN IMMEDIATE',
  commit: 'COMMIT',
  rollback: 'ROLLBACK',
  runLock: false,
  // SQLITE_MAX_VARIABLE_NUMBER since 3.32; SQLITE_MAX_LENGTH (1e9 bytes) caps a value.
  limits: fixed({ maxParams: 32_766, batchBytes: BATCH_BYTES, maxRowBytes: HUGE_ROW }),
  wallClockDates: false,
};

/**
 * Values are interpolated client-side, so parameters are unlimited but the statement must fit in
 * max_allowed_packet (a larger one makes the server drop the connection): batches take a quarter
 * of it, and one row may take up to half (escaping can double its size).
 */
async function mysqlLimits(conn: Connection): Promise<WriteLimits> {
  const result = await conn.query('SELECT @@max_allowed_packet AS packet', []);
  const packet = Number(result.rows[0]?.['packet'] ?? 4 * 1024 * 1024);
  return {
    maxParams: Number.MAX_SAFE_INTEGER,
    batchBytes: Math.min(BATCH_BYTES, Math.floor(packet / 4)),
    maxRowBytes: Math.floor(packet / 2),
  };
}

const mysql: SqlFamily = {
  name: 'mysql',
  upsert: duplicateKeyUpsert,
  begin: 'START TRANSACTION',
  commit: 'COMMIT',
  rollback: 'ROLLBACK',
  runLock: true,
  limits: mysqlLimits,
  wallClockDates: true,
};

const BY_FLAVOR: Readonly<Record<string, SqlFamily>> = { postgres, sqlite, mysql, singlestore: { ...mysql, name: 'singlestore' } };

export function familyOf(dialect: Dialect): SqlFamily {
  const family = BY_FLAVOR[dialect.flavor];
  if (!family) throw new ConfigurationError(`v1-to-v2 does not support the ${dialect.flavor} flavour`);
  return family;
}
