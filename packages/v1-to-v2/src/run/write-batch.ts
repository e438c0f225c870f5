import type { Connection, Dialect, Statement, UpsertSpec, WriteLimits } from '@agno-migrate/core';
import { DatabaseError } from '@agno-migrate/core';
import { splitRows } from '../sql/chunks.js';
import { plainInsert } from '../sql/plain-insert.js';

/** A batch could not be written; `key` is the v1 row at fault when it could be found. */
export class BatchWriteError extends Error {
  constructor(
    readonly key: string | null,
    readonly reason: string,
    readonly causeError: unknown,
  ) {
    super(reason);
  }
}

export interface BatchWrite {
  readonly spec: UpsertSpec;
  readonly rows: readonly (readonly unknown[])[];
  /** The v1 key of each row, to name a row that fails. */
  readonly keys: readonly string[];
  /** The resume point after this batch, committed with it. */
  readonly progress: Statement;
  /** Plain INSERT when the target held none of the copy's keys at its start, else the dialect's upsert. */
  readonly insertOnly: boolean;
}

function statementFor(dialect: Dialect, batch: BatchWrite, rows: readonly (readonly unknown[])[]): Statement {
  return batch.insertOnly ? plainInsert(dialect, batch.spec, rows) : dialect.emitter.upsertRows(batch.spec, rows);
}

async function quietly(conn: Connection, sql: string): Promise<void> {
  try {
    await conn.query(sql, []);
  } catch {
    // the error being reported is the one that made us roll back
  }
}

/**
 * One page's rows and its resume point in one transaction, as few multi-row statements as the
 * limits allow. On failure nothing of the page stays, and the rows of the failing statement are
 * tried one by one (each rolled back) to name the row at fault.
 */
export async function writeBatch(
  conn: Connection,
  dialect: Dialect,
  limits: WriteLimits,
  batch: BatchWrite,
  describe: (error: unknown) => string,
): Promise<void> {
  const { chunks, tooLarge } = splitRows(batch.rows, batch.spec.columns.length, limits);
  if (tooLarge) {
    throw new BatchWriteError(
      batch.keys[tooLarge.index] ?? null,
      `the row is ${tooLarge.bytes} bytes, more than the database accepts in one statement (${limits.maxRowBytes} bytes): raise its limit (max_allowed_packet on MySQL) and run again`,
      undefined,
    );
  }
  const transaction = dialect.emitter.batchTransaction();
  await conn.query(transaction.begin, []);
  let failing: number[] | null = null;
  try {
    for (const chunk of chunks) {
      failing = chunk;
      const statement = statementFor(
        dialect,
        batch,
        chunk.map((i) => batch.rows[i]!),
      );
      await conn.query(statement.sql, statement.params);
    }
    failing = null;
    await conn.query(batch.progress.sql, batch.progress.params);
    await conn.query(transaction.commit, []);
  } catch (error) {
    await quietly(conn, transaction.rollback);
    if (failing === null) throw new BatchWriteError(null, `saving the resume point failed: ${describe(error)}`, error);
    // A cancelled statement or a lost session is no row's fault: nothing to look for row by row.
    if (notTheRows(dialect, error)) throw new BatchWriteError(null, describe(error), error);
    const culprit = await findCulprit(conn, dialect, batch, failing, describe);
    throw new BatchWriteError(culprit?.key ?? null, culprit?.reason ?? describe(error), error);
  }
}

function notTheRows(dialect: Dialect, error: unknown): boolean {
  const translated = error instanceof DatabaseError ? error : dialect.errors.translate(error);
  const kind = translated instanceof DatabaseError ? translated.details['kind'] : undefined;
  return kind === 'interrupted' || kind === 'connection';
}

async function findCulprit(
  conn: Connection,
  dialect: Dialect,
  batch: BatchWrite,
  indexes: readonly number[],
  describe: (error: unknown) => string,
): Promise<{ key: string; reason: string } | null> {
  const transaction = dialect.emitter.batchTransaction();
  for (const i of indexes) {
    try {
      await conn.query(transaction.begin, []);
      const statement = statementFor(dialect, batch, [batch.rows[i]!]);
      await conn.query(statement.sql, statement.params);
    } catch (error) {
      return { key: batch.keys[i]!, reason: describe(error) };
    } finally {
      await quietly(conn, transaction.rollback);
    }
  }
  return null;
}
