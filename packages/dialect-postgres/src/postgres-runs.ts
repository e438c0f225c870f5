import type { RunsTables, SessionBatch, SqlQuoting, Statement } from '@agno-migrate/core/dialect';
import { RUN_COLUMNS, sql, StandardRunsSql } from '@agno-migrate/core/dialect';

/**
 * The runs copy on PostgreSQL: `jsonb_array_elements … WITH ORDINALITY` expands each blob inside
 * the database, and one statement per batch both inserts and counts (a data-modifying CTE), so the
 * run data never crosses the wire and is read once. The late secondary indexes are built after the
 * load, as everywhere: the runs table is stamped only then, so a kill in between leaves it unstamped
 * and the next run completes it.
 */
export class PostgresRunsSql extends StandardRunsSql {
  readonly copyReports = 'counts' as const;

  constructor(q: SqlQuoting) {
    super(q);
  }

  countBatch(t: RunsTables, batch: SessionBatch, withExisting: boolean): Statement {
    const [source, params] = this.source(t, batch);
    const existing = withExisting
      ? `(SELECT COUNT(*) FROM src JOIN ${this.q.qualify(t.runs)} r ON r.${this.id('run_id')} = src.run_id WHERE src.kind = 'run')`
      : '0';
    return sql(`WITH src AS MATERIALIZED (${source}) ${this.countSelect(existing)} FROM src`, params);
  }

  copyBatch(t: RunsTables, batch: SessionBatch, now: number): Statement {
    const [source, params] = this.source(t, batch);
    const nowMark = `$${params.length + 1}::bigint`;
    const run = 'src.run';
    const text = (key: string) => `${run} ->> '${key}'`;
    const values = [
      'src.run_id',
      'src.session_id',
      `CASE WHEN ${truthy(`${run} -> 'agent_id'`)} THEN 'agent' WHEN ${truthy(`${run} -> 'team_id'`)} THEN 'team' ELSE 'workflow' END`,
      text('agent_id'),
      text('team_id'),
      text('workflow_id'),
      'src.user_id',
      text('parent_run_id'),
      text('status'),
      'src.pos - 1',
      run,
      `CASE WHEN jsonb_typeof(${run} -> 'created_at') = 'number' AND (${text('created_at')})::numeric <> 0 ` +
        `THEN (${text('created_at')})::numeric::bigint ELSE ${nowMark} END`,
      nowMark,
    ];
    const insert =
      `INSERT INTO ${this.q.qualify(t.runs)} (${RUN_COLUMNS.map((c) => this.id(c)).join(', ')}) ` +
      `SELECT ${values.join(', ')} FROM src WHERE src.kind = 'run' ${this.keepExisting()} RETURNING 1`;
    return sql(
      `WITH src AS MATERIALIZED (${source}), ins AS (${insert}) ${this.countSelect('0')}, (SELECT COUNT(*) FROM ins) AS copied FROM src`,
      [...params, now],
    );
  }

  restoreBatch(t: RunsTables, batch: SessionBatch): Statement {
    const [where, params] = this.range('r', batch);
    const s = this.id('session_id');
    return sql(
      `UPDATE ${this.q.qualify(t.sessions)} s SET ${this.id('runs')} = agg.runs FROM (` +
        `SELECT r.${s} AS session_id, jsonb_agg(r.${this.id('run_data')} ORDER BY r.${this.id('run_index')}, r.${this.id('created_at')}) AS runs ` +
        `FROM ${this.q.qualify(t.runs)} r WHERE ${where} GROUP BY r.${s}) agg WHERE s.${s} = agg.session_id`,
      params,
    );
  }

  unmigratedSessions(t: RunsTables, batch: SessionBatch): Statement {
    const [source, params] = this.source(t, batch);
    return sql(
      `WITH src AS MATERIALIZED (${source}) SELECT src.session_id AS ${this.id('session_id')}, COUNT(*) AS ${this.id('missing')} FROM src ` +
        `WHERE src.kind = 'run' AND NOT EXISTS (SELECT 1 FROM ${this.q.qualify(t.runs)} r WHERE r.${this.id('run_id')} = src.run_id) ` +
        `GROUP BY src.session_id ORDER BY src.session_id`,
      params,
    );
  }

  legacySize(t: RunsTables): Statement {
    const runs = this.id('runs');
    return sql(
      `SELECT COUNT(*) AS ${this.id('sessions')}, COALESCE(SUM(pg_column_size(${runs})), 0) AS ${this.id('bytes')} ` +
        `FROM ${this.q.qualify(t.sessions)} WHERE ${runs} IS NOT NULL`,
    );
  }

  protected needsClient(column: string): string {
    return `jsonb_typeof(${column}::jsonb) = 'string'`;
  }

  protected keepExisting(): string {
    return `ON CONFLICT (${this.id('run_id')}) DO NOTHING`;
  }

  protected override blobText(column: string): string {
    return `${column}::text`;
  }

  protected override valueMark(column: string, index: number): string {
    return column === 'run_data' ? `$${index}::jsonb` : `$${index}`;
  }

  /**
   * One row per element of every array blob of the batch, and one row with no element for each
   * session whose blob is empty or not an array, so sessions are counted from the same scan. The
   * blob's type is taken once per session (OFFSET 0 keeps the planner from inlining it into every
   * element's row, which would detoast the whole blob once per element).
   */
  private source(t: RunsTables, batch: SessionBatch): [string, unknown[]] {
    const [where, params] = this.range('s', batch);
    // JSONB once 2.3.0 has run; a dry run from 2.2 plans against a JSON column still.
    const runs = `s.${this.id('runs')}::jsonb`;
    const kind =
      `CASE WHEN e.run IS NULL THEN NULL WHEN jsonb_typeof(e.run) <> 'object' THEN 'not_object' ` +
      `WHEN e.run -> 'run_id' IS NULL OR jsonb_typeof(e.run -> 'run_id') = 'null' THEN 'no_run_id' ELSE 'run' END`;
    return [
      `SELECT s.${this.id('session_id')} AS session_id, s.${this.id('user_id')} AS user_id, b.blob_type, e.run, e.pos, ` +
        `e.run ->> 'run_id' AS run_id, ${kind} AS kind ` +
        `FROM ${this.q.qualify(t.sessions)} s CROSS JOIN LATERAL (SELECT jsonb_typeof(${runs}) AS blob_type OFFSET 0) b ` +
        `LEFT JOIN LATERAL jsonb_array_elements(CASE WHEN b.blob_type = 'array' THEN ${runs} ELSE '[]'::jsonb END) ` +
        `WITH ORDINALITY AS e(run, pos) ON TRUE WHERE ${where} AND s.${this.id('runs')} IS NOT NULL`,
      params,
    ];
  }

  private countSelect(existing: string): string {
    const n = (name: string) => this.id(name);
    const first = `(src.pos IS NULL OR src.pos = 1)`;
    return (
      `SELECT COUNT(*) FILTER (WHERE ${first}) AS ${n('sessions')}, COUNT(*) FILTER (WHERE src.kind = 'run') AS ${n('runs')}, ` +
      `${existing} AS ${n('existing')}, COUNT(*) FILTER (WHERE src.kind = 'not_object') AS ${n('not_object')}, ` +
      `COUNT(*) FILTER (WHERE src.kind = 'no_run_id') AS ${n('no_run_id')}, ` +
      `COUNT(*) FILTER (WHERE ${first} AND src.blob_type NOT IN ('array', 'string', 'null')) AS ${n('not_list')}, ` +
      `COUNT(*) FILTER (WHERE ${first} AND src.blob_type = 'string') AS ${n('fallback')}`
    );
  }
}

/** Python's truthiness of a JSON value, as Agno tests `run.get("agent_id")`. */
export function truthy(value: string): string {
  return (
    `(CASE jsonb_typeof(${value}) WHEN 'string' THEN (${value} #>> '{}') <> '' ` +
    `WHEN 'number' THEN (${value} #>> '{}')::numeric <> 0 WHEN 'boolean' THEN ${value} = 'true'::jsonb ` +
    `WHEN 'array' THEN jsonb_array_length(${value}) > 0 WHEN 'object' THEN ${value} <> '{}'::jsonb ELSE FALSE END)`
  );
}
