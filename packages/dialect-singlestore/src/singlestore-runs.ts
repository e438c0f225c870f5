import type { RunsTables, SessionBatch, SqlQuoting, Statement } from '@agno-migrate/core/dialect';
import { sql } from '@agno-migrate/core/dialect';
import type { RunKey } from '@agno-migrate/dialect-mysql';
import { MysqlRunsSql } from '@agno-migrate/dialect-mysql';

/**
 * The runs copy on SingleStore: no JSON_TABLE, so `TABLE(JSON_TO_ARRAY(…)) WITH ORDINALITY`
 * (0-based `table_ord`) expands each blob, and JSON_EXTRACT_JSON / JSON_GET_TYPE read the keys.
 * The runs table's key is (run_id, session_id): a run is present when both match.
 */
export class SinglestoreRunsSql extends MysqlRunsSql {
  /** Secondary indexes of a sharded table are declared with it, not added after a load. */
  override readonly indexesAfterCopy = false;

  constructor(q: SqlQuoting) {
    super(q);
  }

  /** Three scans of the sessions and one of the elements (SingleStore's element source has no outer join). */
  override countBatch(t: RunsTables, batch: SessionBatch, withExisting: boolean): Statement {
    const [where, params] = this.range('s', batch);
    const runs = `s.${this.id('runs')}`;
    const kind = this.kind();
    const existing = withExisting
      ? `SUM(CASE WHEN ${kind} = 'run' AND EXISTS (SELECT 1 FROM ${this.q.qualify(t.runs)} r WHERE r.${this.id('run_id')} = ${this.text('run_id')}) THEN 1 ELSE 0 END)`
      : '0';
    const n = (name: string) => this.id(name);
    const sum = (condition: string) => `COALESCE(SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END), 0)`;
    const sessions = `(SELECT COUNT(*) FROM ${this.q.qualify(t.sessions)} s WHERE ${where} AND ${runs} IS NOT NULL`;
    const [where2, params2] = this.range('s', batch);
    const [where3, params3] = this.range('s', batch);
    return sql(
      `SELECT ${sessions}) AS ${n('sessions')}, ` +
        `(SELECT COUNT(*) FROM ${this.q.qualify(t.sessions)} s WHERE ${where2} AND ${runs} IS NOT NULL AND NOT ${this.needsClient(runs)} AND ${this.blobType(runs)} NOT IN (${this.typeName('array')}, ${this.typeName('null')})) AS ${n('not_list')}, ` +
        `(SELECT COUNT(*) FROM ${this.q.qualify(t.sessions)} s WHERE ${where3} AND ${runs} IS NOT NULL AND ${this.needsClient(runs)}) AS ${n('fallback')}, ` +
        `${sum(`${kind} = 'run'`)} AS ${n('runs')}, COALESCE(${existing}, 0) AS ${n('existing')}, ` +
        `${sum(`${kind} = 'not_object'`)} AS ${n('not_object')}, ${sum(`${kind} = 'no_run_id'`)} AS ${n('no_run_id')} ` +
        `FROM ${this.elements(t, where)}`,
      [...params, ...params2, ...params3, ...params],
    );
  }

  protected override runFilter(): string {
    return `${this.kind()} = 'run'`;
  }

  protected override needsClient(column: string): string {
    return `(JSON_GET_TYPE(${column}) = 'string')`;
  }

  protected override elements(t: RunsTables, where: string): string {
    const runs = `s.${this.id('runs')}`;
    return (
      `${this.q.qualify(t.sessions)} s JOIN TABLE(JSON_TO_ARRAY(CASE WHEN JSON_GET_TYPE(${runs}) = 'array' THEN ${runs} ELSE '[]' END)) ` +
      `WITH ORDINALITY e WHERE ${where} AND ${runs} IS NOT NULL`
    );
  }

  protected override blobType(column: string): string {
    return `JSON_GET_TYPE(${column})`;
  }

  protected override typeName(name: string): string {
    return `'${name}'`;
  }

  protected override isType(value: string, names: readonly string[]): string {
    return `JSON_GET_TYPE(${value}) IN (${names.map((n) => this.typeName(n)).join(', ')})`;
  }

  protected override position(): string {
    return 'e.table_ord';
  }

  protected override element(): string {
    return 'e.table_col';
  }

  protected override value(key: RunKey): string {
    return `JSON_EXTRACT_JSON(e.table_col, '${key}')`;
  }

  protected override text(key: RunKey): string {
    return `JSON_EXTRACT_STRING(e.table_col, '${key}')`;
  }

  protected override number(key: RunKey): string {
    return `JSON_EXTRACT_DOUBLE(e.table_col, '${key}')`;
  }

  override presentRunIds(t: RunsTables, sessionId: string, ids: readonly string[]): Statement {
    const base = super.presentRunIds(t, sessionId, ids);
    return sql(`${base.sql} AND ${this.id('session_id')} = ?`, [...base.params, sessionId]);
  }

  protected override presentCondition(alias: string): string {
    return `${super.presentCondition(alias)} AND ${alias}.${this.id('session_id')} = s.${this.id('session_id')}`;
  }
}
