import type { RunsTables, SessionBatch, SqlQuoting, Statement } from '@agno-migrate/core/dialect';
import { RUN_COLUMNS, sql, StandardRunsSql } from '@agno-migrate/core/dialect';

/**
 * The runs copy on SQLite: `json_each` expands each blob inside the database. SQLite has no
 * data-modifying CTE, so a batch is counted by one query and copied by another; `changes()` (the
 * affected rows) of `ON CONFLICT DO NOTHING` are the rows inserted.
 */
export class SqliteRunsSql extends StandardRunsSql {
  readonly copyReports = 'inserted' as const;

  constructor(q: SqlQuoting) {
    super(q);
  }

  countBatch(t: RunsTables, batch: SessionBatch, withExisting: boolean): Statement {
    const [where, params] = this.range('s', batch);
    const runs = `s.${this.id('runs')}`;
    const kind = elementKind('e');
    const existing = withExisting
      ? `SUM(CASE WHEN ${kind} = 'run' AND EXISTS (SELECT 1 FROM ${this.q.qualify(t.runs)} r WHERE r.${this.id('run_id')} = json_extract(e.value, '$.run_id')) THEN 1 ELSE 0 END)`
      : '0';
    const first = `(e.key IS NULL OR e.key = 0)`;
    const n = (name: string) => this.id(name);
    return sql(
      `SELECT COUNT(DISTINCT s.${this.id('session_id')}) AS ${n('sessions')}, ` +
        `COALESCE(SUM(CASE WHEN ${kind} = 'run' THEN 1 ELSE 0 END), 0) AS ${n('runs')}, ` +
        `COALESCE(${existing}, 0) AS ${n('existing')}, ` +
        `COALESCE(SUM(CASE WHEN ${kind} = 'not_object' THEN 1 ELSE 0 END), 0) AS ${n('not_object')}, ` +
        `COALESCE(SUM(CASE WHEN ${kind} = 'no_run_id' THEN 1 ELSE 0 END), 0) AS ${n('no_run_id')}, ` +
        `COALESCE(SUM(CASE WHEN ${first} AND NOT ${this.needsClient(runs)} AND json_type(${runs}) NOT IN ('array', 'null') THEN 1 ELSE 0 END), 0) AS ${n('not_list')}, ` +
        `COALESCE(SUM(CASE WHEN ${first} AND ${this.needsClient(runs)} THEN 1 ELSE 0 END), 0) AS ${n('fallback')} ` +
        `FROM ${this.q.qualify(t.sessions)} s LEFT JOIN json_each(${this.arrayOrEmpty(runs)}) e ` +
        `WHERE ${where} AND ${runs} IS NOT NULL`,
      params,
    );
  }

  copyBatch(t: RunsTables, batch: SessionBatch, now: number): Statement {
    const [where, params] = this.range('s', batch);
    const runs = `s.${this.id('runs')}`;
    const nowMark = this.q.placeholder(params.length + 1);
    const get = (key: string) => `json_extract(e.value, '$.${key}')`;
    const values = [
      get('run_id'),
      `s.${this.id('session_id')}`,
      `CASE WHEN ${truthy('e.value', 'agent_id')} THEN 'agent' WHEN ${truthy('e.value', 'team_id')} THEN 'team' ELSE 'workflow' END`,
      get('agent_id'),
      get('team_id'),
      get('workflow_id'),
      `s.${this.id('user_id')}`,
      get('parent_run_id'),
      get('status'),
      'e.key',
      'e.value',
      `CASE WHEN json_type(e.value, '$.created_at') IN ('integer', 'real') AND ${get('created_at')} <> 0 ` +
        `THEN CAST(ROUND(${get('created_at')}) AS INTEGER) ELSE ${nowMark} END`,
      nowMark,
    ];
    return sql(
      `INSERT INTO ${this.q.qualify(t.runs)} (${RUN_COLUMNS.map((c) => this.id(c)).join(', ')}) ` +
        `SELECT ${values.join(', ')} FROM ${this.q.qualify(t.sessions)} s, json_each(${this.arrayOrEmpty(runs)}) e ` +
        `WHERE ${where} AND ${runs} IS NOT NULL AND ${elementKind('e')} = 'run' ORDER BY s.${this.id('session_id')}, e.key ${this.keepExisting()}`,
      [now, now, ...params],
    );
  }

  restoreBatch(t: RunsTables, batch: SessionBatch): Statement {
    const [where, params] = this.range('r', batch);
    const s = this.id('session_id');
    const sessions = this.q.qualify(t.sessions);
    const runsTable = this.q.qualify(t.runs);
    return sql(
      `UPDATE ${sessions} SET ${this.id('runs')} = (SELECT json_group_array(json(r2.${this.id('run_data')}) ` +
        `ORDER BY r2.${this.id('run_index')}, r2.${this.id('created_at')}) FROM ${runsTable} r2 WHERE r2.${s} = ${sessions}.${s}) ` +
        `WHERE ${s} IN (SELECT DISTINCT r.${s} FROM ${runsTable} r WHERE ${where})`,
      params,
    );
  }

  unmigratedSessions(t: RunsTables, batch: SessionBatch): Statement {
    const [where, params] = this.range('s', batch);
    const runs = `s.${this.id('runs')}`;
    const s = this.id('session_id');
    return sql(
      `SELECT s.${s} AS ${s}, COUNT(*) AS ${this.id('missing')} FROM ${this.q.qualify(t.sessions)} s, json_each(${this.arrayOrEmpty(runs)}) e ` +
        `WHERE ${where} AND ${runs} IS NOT NULL AND ${elementKind('e')} = 'run' AND NOT EXISTS (SELECT 1 FROM ${this.q.qualify(t.runs)} r ` +
        `WHERE r.${this.id('run_id')} = json_extract(e.value, '$.run_id')) GROUP BY s.${s} ORDER BY s.${s}`,
      params,
    );
  }

  legacySize(t: RunsTables): Statement {
    const runs = this.id('runs');
    return sql(
      `SELECT COUNT(*) AS ${this.id('sessions')}, COALESCE(SUM(length(CAST(${runs} AS BLOB))), 0) AS ${this.id('bytes')} ` +
        `FROM ${this.q.qualify(t.sessions)} WHERE ${runs} IS NOT NULL`,
    );
  }

  /** Agno's fallback when SQLite cannot drop the column (before 3.35). */
  clearLegacy(t: RunsTables): Statement {
    return sql(`UPDATE ${this.q.qualify(t.sessions)} SET ${this.id('runs')} = NULL WHERE ${this.id('runs')} IS NOT NULL`);
  }

  /** Bytes, text that is not JSON, and JSON text inside JSON are decoded by the client, as Agno does. */
  protected needsClient(column: string): string {
    return `(typeof(${column}) <> 'text' OR NOT json_valid(${column}) OR json_type(${column}) = 'text')`;
  }

  protected keepExisting(): string {
    return `ON CONFLICT (${this.id('run_id')}) DO NOTHING`;
  }

  private arrayOrEmpty(column: string): string {
    return `CASE WHEN typeof(${column}) = 'text' AND json_valid(${column}) AND json_type(${column}) = 'array' THEN ${column} ELSE '[]' END`;
  }
}

function elementKind(e: string): string {
  return (
    `(CASE WHEN ${e}.key IS NULL THEN NULL WHEN ${e}.type <> 'object' THEN 'not_object' ` +
    `WHEN json_type(${e}.value, '$.run_id') IS NULL OR json_type(${e}.value, '$.run_id') = 'null' THEN 'no_run_id' ELSE 'run' END)`
  );
}

/** Python's truthiness of a key of a JSON object, as Agno tests `run.get("agent_id")`. */
export function truthy(object: string, key: string): string {
  const path = `'$.${key}'`;
  const v = `json_extract(${object}, ${path})`;
  return (
    `(CASE json_type(${object}, ${path}) WHEN 'text' THEN ${v} <> '' WHEN 'integer' THEN ${v} <> 0 WHEN 'real' THEN ${v} <> 0 ` +
    `WHEN 'true' THEN 1 WHEN 'array' THEN json_array_length(${object}, ${path}) > 0 WHEN 'object' THEN ${v} <> '{}' ELSE 0 END)`
  );
}
