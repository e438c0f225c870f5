import type { RunsTables, SqlQuoting, Statement } from '@agno-migrate/core';
import { sql } from '@agno-migrate/core';
import type { RunKey } from '@agno-migrate/dialect-mysql';
import { MysqlRunsSql } from '@agno-migrate/dialect-mysql';

/**
 * The runs copy on SingleStore: no JSON_TABLE, so `TABLE(JSON_TO_ARRAY(…)) WITH ORDINALITY`
 * (0-based `table_ord`) expands each blob, and JSON_EXTRACT_JSON / JSON_GET_TYPE read the keys.
 * The runs table's key is (run_id, session_id): a run is present when both match.
 */
export class SinglestoreRunsSql extends MysqlRunsSql {
  constructor(q: SqlQuoting) {
    super(q);
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
