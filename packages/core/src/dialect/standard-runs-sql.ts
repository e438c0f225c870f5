import type { Statement } from '../sql/statement.js';
import { sql } from '../sql/statement.js';
import type { RunRow, RunsSql, RunsTables, SessionBatch } from './runs-sql.js';
import { RUN_COLUMNS } from './runs-sql.js';

/** The quoting a runs SQL writer needs from its dialect. */
export interface SqlQuoting {
  quoteIdent(name: string): string;
  qualify(table: string): string;
  placeholder(index: number): string;
}

/**
 * The parts of the runs copy that are the same SQL everywhere (keyset batches, the multi-row
 * insert, id look-ups); a dialect supplies how it expands a JSON array and how an insert lets the
 * existing row win.
 */
export abstract class StandardRunsSql implements RunsSql {
  abstract readonly copyReports: RunsSql['copyReports'];
  readonly indexesAfterCopy: boolean = true;

  constructor(protected readonly q: SqlQuoting) {}

  abstract countBatch(t: RunsTables, batch: SessionBatch, withExisting: boolean): Statement;
  abstract copyBatch(t: RunsTables, batch: SessionBatch, now: number): Statement;
  abstract restoreBatch(t: RunsTables, batch: SessionBatch): Statement;
  abstract unmigratedSessions(t: RunsTables, batch: SessionBatch): Statement;
  abstract legacySize(t: RunsTables): Statement;
  /** SQL true when the blob in `column` is one the database cannot expand (left to the client). */
  protected abstract needsClient(column: string): string;
  /** The tail that makes an insert keep the existing row (`ON CONFLICT (run_id) DO NOTHING`). */
  protected abstract keepExisting(): string;

  restorePrelude?(): Statement;

  batchEnd(t: RunsTables, after: string | null, size: number): Statement {
    return this.keysetEnd(t.sessions, `${this.id('runs')} IS NOT NULL`, after, size);
  }

  restoreBatchEnd(t: RunsTables, after: string | null, size: number): Statement {
    return this.keysetEnd(t.runs, null, after, size);
  }

  fallbackSessions(t: RunsTables, batch: SessionBatch): Statement {
    const [where, params] = this.range('s', batch);
    return sql(
      `SELECT s.${this.id('session_id')} AS ${this.id('session_id')}, s.${this.id('user_id')} AS ${this.id('user_id')}, ` +
        `${this.blobText(`s.${this.id('runs')}`)} AS ${this.id('runs')} FROM ${this.q.qualify(t.sessions)} s ` +
        `WHERE ${where} AND s.${this.id('runs')} IS NOT NULL AND ${this.needsClient(`s.${this.id('runs')}`)} ORDER BY s.${this.id('session_id')}`,
      params,
    );
  }

  insertRuns(t: RunsTables, rows: readonly RunRow[]): Statement {
    const params: unknown[] = [];
    const tuples = rows.map((row) => {
      const marks = RUN_COLUMNS.map((c) => {
        params.push(row[c]);
        return this.valueMark(c, params.length);
      });
      return `(${marks.join(', ')})`;
    });
    return sql(
      `INSERT INTO ${this.q.qualify(t.runs)} (${RUN_COLUMNS.map((c) => this.id(c)).join(', ')}) VALUES ${tuples.join(', ')} ${this.keepExisting()}`,
      params,
    );
  }

  presentRunIds(t: RunsTables, _sessionId: string, ids: readonly string[]): Statement {
    const marks = ids.map((_, i) => this.q.placeholder(i + 1)).join(', ');
    return sql(
      `SELECT ${this.id('run_id')} AS ${this.id('run_id')} FROM ${this.q.qualify(t.runs)} WHERE ${this.id('run_id')} IN (${marks})`,
      ids,
    );
  }

  /** The blob as JSON text, so the client decodes it exactly as Agno does whatever the driver decodes itself. */
  protected blobText(column: string): string {
    return column;
  }

  /** The placeholder for one column of the multi-row insert (PostgreSQL casts run_data to JSONB). */
  protected valueMark(_column: string, index: number): string {
    return this.q.placeholder(index);
  }

  protected id(name: string): string {
    return this.q.quoteIdent(name);
  }

  /** `alias.session_id > ? AND alias.session_id <= ?` with its parameters, numbered from `first`. */
  protected range(alias: string, batch: SessionBatch, first = 1): [string, unknown[]] {
    const key = `${alias}.${this.id('session_id')}`;
    if (batch.after === null) return [`${key} <= ${this.q.placeholder(first)}`, [batch.upTo]];
    return [`${key} > ${this.q.placeholder(first)} AND ${key} <= ${this.q.placeholder(first + 1)}`, [batch.after, batch.upTo]];
  }

  private keysetEnd(table: string, filter: string | null, after: string | null, size: number): Statement {
    const key = this.id('session_id');
    const conditions = [...(filter ? [filter] : []), ...(after === null ? [] : [`${key} > ${this.q.placeholder(1)}`])];
    const where = conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : '';
    // The limit is an integer computed here, written inline because not every driver binds LIMIT.
    return sql(
      `SELECT MAX(b.${key}) AS ${this.id('up_to')} FROM (SELECT ${key} FROM ${this.q.qualify(table)}${where} ` +
        `ORDER BY ${key} LIMIT ${Math.max(1, Math.floor(size))}) b`,
      after === null ? [] : [after],
    );
  }
}
