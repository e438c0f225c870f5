import type { Dialect } from '../../../../dialect/dialect.js';
import type { Statement } from '../../../../sql/statement.js';

/** The statements of the re-key, in SQL PostgreSQL and SQLite both accept. */
export const PAGE_SIZE = 500;

const ROW_COLUMNS = [
  'learning_id',
  'user_id',
  'agent_id',
  'team_id',
  'workflow_id',
  'session_id',
  'entity_id',
  'entity_type',
  'content',
  'metadata',
];

export class RekeySql {
  private readonly table: string;

  constructor(
    private readonly dialect: Dialect,
    table: string,
  ) {
    this.table = dialect.emitter.qualify(table);
  }

  private q(name: string): string {
    return this.dialect.emitter.quoteIdent(name);
  }

  private p(i: number): string {
    return this.dialect.emitter.placeholder(i);
  }

  /** A page of namespace="user" entity rows after `after`, in key order (keyset: deletes never shift it). */
  page(after: string | null): Statement {
    const cols = ROW_COLUMNS.map((c) => this.q(c)).join(', ');
    const params: unknown[] = ['entity_memory', 'user'];
    let where = `${this.q('learning_type')} = ${this.p(1)} AND ${this.q('namespace')} = ${this.p(2)}`;
    if (after !== null) {
      params.push(after);
      where += ` AND ${this.q('learning_id')} > ${this.p(3)}`;
    }
    return {
      sql: `SELECT ${cols} FROM ${this.table} WHERE ${where} ORDER BY ${this.q('learning_id')} LIMIT ${PAGE_SIZE}`,
      params,
    };
  }

  byId(id: string): Statement {
    const cols = ROW_COLUMNS.map((c) => this.q(c)).join(', ');
    return { sql: `SELECT ${cols} FROM ${this.table} WHERE ${this.q('learning_id')} = ${this.p(1)}`, params: [id] };
  }

  /**
   * Agno's upsert_learning: a new row gets every column and fresh timestamps; an existing one
   * keeps its columns and creation time and takes the content, metadata and update time.
   */
  upsert(row: UpsertRow, now: number): Statement {
    const values: [string, unknown][] = [
      ['learning_id', row.id],
      ['learning_type', 'entity_memory'],
      ['namespace', row.namespace],
      ['user_id', row.userId],
      ['agent_id', row.agentId],
      ['team_id', row.teamId],
      ['workflow_id', row.workflowId],
      ['session_id', row.sessionId],
      ['entity_id', row.entityId],
      ['entity_type', row.entityType],
      ['content', JSON.stringify(row.content)],
      ['metadata', row.metadata === null ? null : JSON.stringify(row.metadata)],
      ['created_at', now],
      ['updated_at', now],
    ];
    const cols = values.map(([c]) => this.q(c)).join(', ');
    const marks = values.map((_, i) => this.p(i + 1)).join(', ');
    const set = ['content', 'metadata', 'updated_at'].map((c) => `${this.q(c)} = excluded.${this.q(c)}`).join(', ');
    return {
      sql: `INSERT INTO ${this.table} (${cols}) VALUES (${marks}) ON CONFLICT (${this.q('learning_id')}) DO UPDATE SET ${set}`,
      params: values.map(([, v]) => v),
    };
  }

  delete(id: string): Statement {
    return { sql: `DELETE FROM ${this.table} WHERE ${this.q('learning_id')} = ${this.p(1)}`, params: [id] };
  }

  /** Rows still on a pre-3.0 key: what status reports and what the step moves. */
  countLegacy(): Statement {
    return this.userEntities(`COUNT(*) AS ${this.q('n')}`, '=', '');
  }

  /** Rows on a per-user key: what a revert would collide again. */
  countPerUser(): Statement {
    return this.userEntities(`COUNT(*) AS ${this.q('n')}`, '<>', '');
  }

  perUserExamples(limit: number): Statement {
    return this.userEntities(this.q('learning_id'), '<>', ` ORDER BY ${this.q('learning_id')} LIMIT ${limit}`);
  }

  private userEntities(select: string, op: '=' | '<>', tail: string): Statement {
    const legacy = `'entity_user_' || ${this.q('entity_type')} || '_' || ${this.q('entity_id')}`;
    return {
      sql: `SELECT ${select} FROM ${this.table} WHERE ${this.q('learning_type')} = ${this.p(1)} AND ${this.q('namespace')} = ${this.p(2)} AND ${this.q('learning_id')} ${op} ${legacy}${tail}`,
      params: ['entity_memory', 'user'],
    };
  }
}

export const SAVEPOINT: Statement = { sql: 'SAVEPOINT agno_migrate_rekey_row', params: [] };
export const RELEASE: Statement = { sql: 'RELEASE SAVEPOINT agno_migrate_rekey_row', params: [] };
export const ROLLBACK_TO: Statement = { sql: 'ROLLBACK TO SAVEPOINT agno_migrate_rekey_row', params: [] };

export interface UpsertRow {
  readonly id: string;
  readonly namespace: string;
  readonly userId: string | null;
  readonly agentId: string | null;
  readonly teamId: string | null;
  readonly workflowId: string | null;
  readonly sessionId: string | null;
  readonly entityId: string | null;
  readonly entityType: string | null;
  readonly content: unknown;
  readonly metadata: unknown;
}
