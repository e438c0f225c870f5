import type { RunsTables, SessionBatch, SqlQuoting, Statement } from '@agno-migrate/core/dialect';
import { RUN_COLUMNS, sql, StandardRunsSql } from '@agno-migrate/core/dialect';

/** The keys of a run the copy reads, as JSON values. */
const KEYS = ['run_id', 'agent_id', 'team_id', 'workflow_id', 'parent_run_id', 'status', 'created_at'] as const;
export type RunKey = (typeof KEYS)[number];
const NUMBER_START = ['-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
/** The characters JSON text of each type (JSON_TYPE's names, lower case) can start with. */
const FIRST_CHARACTERS: Readonly<Record<string, readonly string[]>> = {
  object: ['{'],
  array: ['['],
  string: ['"'],
  null: ['n'],
  boolean: ['t', 'f'],
  integer: NUMBER_START,
  double: NUMBER_START,
  decimal: NUMBER_START,
};
type Key = RunKey;

/**
 * The runs copy on MySQL 8 and MariaDB: `JSON_TABLE … FOR ORDINALITY` expands each blob inside the
 * database. A batch is counted (with the runs already present) before it is copied: with mysql2's
 * found-rows flag, `ON DUPLICATE KEY UPDATE`'s affected rows do not tell inserted from kept rows.
 * The count reads only each element's run_id, so the run data is read by the copy alone.
 * SingleStore overrides the element source and the JSON accessors.
 */
export class MysqlRunsSql extends StandardRunsSql {
  readonly copyReports: 'counts' | 'inserted' | 'none' = 'none';

  constructor(q: SqlQuoting) {
    super(q);
  }

  /**
   * One scan of the batch that reads no run: the elements of each array blob bring only their
   * run_id (a run is an element with a non-null run_id, which only an object can have), and the
   * blob itself is looked at only for a session with no element (empty, not a list, or for the client).
   */
  countBatch(t: RunsTables, batch: SessionBatch, withExisting: boolean): Statement {
    const [where, params] = this.range('s', batch);
    const runs = `s.${this.id('runs')}`;
    const isRun = this.isRun();
    const existing = withExisting
      ? `SUM(CASE WHEN ${isRun} AND EXISTS (SELECT 1 FROM ${this.q.qualify(t.runs)} r WHERE r.${this.id('run_id')} = ${this.text('run_id')}) THEN 1 ELSE 0 END)`
      : '0';
    const n = (name: string) => this.id(name);
    const sum = (condition: string) => `COALESCE(SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END), 0)`;
    const skipped = `e.pos IS NOT NULL AND NOT ${isRun}`;
    // Element `pos` of the blob, parsed again only for the rare element that is not a run.
    const elementAt = `JSON_EXTRACT(${runs}, CONCAT('$[', e.pos - 1, ']'))`;
    const noElement = `e.pos IS NULL AND ${runs} IS NOT NULL`;
    return sql(
      `SELECT ${sum('e.pos IS NULL OR e.pos = 1')} AS ${n('sessions')}, ${sum(isRun)} AS ${n('runs')}, COALESCE(${existing}, 0) AS ${n('existing')}, ` +
        `${sum(`${skipped} AND NOT ${this.isType(elementAt, ['object'])}`)} AS ${n('not_object')}, ` +
        `${sum(`${skipped} AND ${this.isType(elementAt, ['object'])}`)} AS ${n('no_run_id')}, ` +
        `${sum(`${noElement} AND NOT ${this.needsClient(runs)} AND ${this.blobType(runs)} NOT IN (${this.typeName('array')}, ${this.typeName('null')})`)} AS ${n('not_list')}, ` +
        `${sum(`${noElement} AND ${this.needsClient(runs)}`)} AS ${n('fallback')} ` +
        `FROM ${this.q.qualify(t.sessions)} s LEFT JOIN ${this.elementTable(runs, false)} ON TRUE WHERE ${where} AND ${runs} IS NOT NULL`,
      params,
    );
  }

  copyBatch(t: RunsTables, batch: SessionBatch, now: number): Statement {
    const [where, params] = this.range('s', batch);
    const values = [
      this.text('run_id'),
      `s.${this.id('session_id')}`,
      `CASE WHEN ${this.truthy('agent_id')} THEN 'agent' WHEN ${this.truthy('team_id')} THEN 'team' ELSE 'workflow' END`,
      this.text('agent_id'),
      this.text('team_id'),
      this.text('workflow_id'),
      `s.${this.id('user_id')}`,
      this.text('parent_run_id'),
      this.text('status'),
      this.position(),
      this.element(),
      `CASE WHEN ${this.isType(this.value('created_at'), ['integer', 'double', 'decimal'])} AND ${this.number('created_at')} <> 0 ` +
        `THEN CAST(ROUND(${this.number('created_at')}) AS SIGNED) ELSE ? END`,
      '?',
    ];
    return sql(
      `INSERT INTO ${this.q.qualify(t.runs)} (${RUN_COLUMNS.map((c) => this.id(c)).join(', ')}) ` +
        `SELECT ${values.join(', ')} FROM ${this.elements(t, where)} AND ${this.runFilter()} ${this.keepExisting()}`,
      [now, now, ...params],
    );
  }

  restoreBatch(t: RunsTables, batch: SessionBatch): Statement {
    const [where, params] = this.range('r', batch);
    const s = this.id('session_id');
    const r = (c: string) => `r.${this.id(c)}`;
    return sql(
      `UPDATE ${this.q.qualify(t.sessions)} s JOIN (SELECT ${r('session_id')} AS ${s}, ` +
        `CONCAT('[', GROUP_CONCAT(${r('run_data')} ORDER BY ${r('run_index')}, ${r('created_at')} SEPARATOR ','), ']') AS ${this.id('runs')} ` +
        `FROM ${this.q.qualify(t.runs)} r WHERE ${where} GROUP BY ${r('session_id')}) agg ON s.${s} = agg.${s} ` +
        `SET s.${this.id('runs')} = agg.${this.id('runs')}`,
      params,
    );
  }

  /** GROUP_CONCAT stops at group_concat_max_len (1 KB by default): the rebuilt blobs need it lifted first. */
  override restorePrelude(): Statement {
    return sql('SET SESSION group_concat_max_len = 4294967295');
  }

  unmigratedSessions(t: RunsTables, batch: SessionBatch): Statement {
    const [where, params] = this.range('s', batch);
    const s = this.id('session_id');
    return sql(
      `SELECT s.${s} AS ${s}, COUNT(*) AS ${this.id('missing')} FROM ${this.elements(t, where)} AND ${this.kind()} = 'run' ` +
        `AND NOT EXISTS (SELECT 1 FROM ${this.q.qualify(t.runs)} r WHERE ${this.presentCondition('r')}) GROUP BY s.${s} ORDER BY s.${s}`,
      params,
    );
  }

  legacySize(t: RunsTables): Statement {
    const runs = this.id('runs');
    return sql(
      `SELECT COUNT(*) AS ${this.id('sessions')}, COALESCE(SUM(${this.storageSize(runs)}), 0) AS ${this.id('bytes')} ` +
        `FROM ${this.q.qualify(t.sessions)} WHERE ${runs} IS NOT NULL`,
    );
  }

  protected needsClient(column: string): string {
    return `(CASE WHEN JSON_VALID(${column}) THEN JSON_TYPE(${column}) = 'STRING' ELSE TRUE END)`;
  }

  protected override blobText(column: string): string {
    return `CAST(${column} AS CHAR)`;
  }

  protected keepExisting(): string {
    return `ON DUPLICATE KEY UPDATE ${this.id('run_id')} = VALUES(${this.id('run_id')})`;
  }

  /** `FROM` sessions joined with one row per element of their array blobs, then `WHERE <where>`. */
  protected elements(t: RunsTables, where: string): string {
    const runs = `s.${this.id('runs')}`;
    return `${this.q.qualify(t.sessions)} s, ${this.elementTable(runs, true)} WHERE ${where} AND ${runs} IS NOT NULL`;
  }

  /**
   * JSON_TABLE over a blob that is a JSON array (else over `[]`), with the element itself and the
   * keys the copy reads when `withRun`, only its run_id otherwise. Valid JSON text that starts with
   * `[` is an array: asking its type would parse a blob once more (JSON_TABLE parses it anyway).
   */
  protected elementTable(runs: string, withRun: boolean): string {
    const keys = withRun ? KEYS : (['run_id'] as const);
    const columns = [
      `pos FOR ORDINALITY`,
      ...(withRun ? [`run JSON PATH '$'`] : []),
      ...keys.map((k) => `${this.id(`j_${k}`)} JSON PATH '$.${k}'`),
    ];
    return (
      `JSON_TABLE(CASE WHEN ${runs} LIKE '[%' AND JSON_VALID(${runs}) THEN ${runs} ` +
      `WHEN JSON_VALID(${runs}) AND JSON_TYPE(${runs}) = 'ARRAY' THEN ${runs} ELSE '[]' END, '$[*]' COLUMNS (${columns.join(', ')})) e`
    );
  }

  /** An element that becomes a row: a non-null run_id (member access finds nothing in a non-object). */
  protected isRun(): string {
    const id = this.value('run_id');
    return `(${id} IS NOT NULL AND NOT ${this.isType(id, ['null'])})`;
  }

  /** The copy's condition on an element, `isRun` without the blob's other elements. */
  protected runFilter(): string {
    return this.isRun();
  }

  protected blobType(column: string): string {
    return `JSON_TYPE(${column})`;
  }

  protected typeName(name: string): string {
    return `'${name.toUpperCase()}'`;
  }

  /**
   * Whether a JSON value (as JSON_TABLE and JSON_EXTRACT give it, without leading white space) is
   * of one of the types, by its first character: JSON_TYPE would parse it again, for every key of
   * every run.
   */
  protected isType(value: string, names: readonly string[]): string {
    const firsts = [...new Set(names.flatMap((n) => FIRST_CHARACTERS[n] ?? []))];
    return `LEFT(${value}, 1) IN (${firsts.map((c) => `'${c}'`).join(', ')})`;
  }

  /** The element's 0-based position in the blob. */
  protected position(): string {
    return 'e.pos - 1';
  }

  protected element(): string {
    return 'e.run';
  }

  /** A key of the run as JSON (SQL NULL when absent). */
  protected value(key: Key): string {
    return `e.${this.id(`j_${key}`)}`;
  }

  /** A key of the run as text: NULL for an absent key or JSON null, strings unquoted. */
  protected text(key: Key): string {
    const v = this.value(key);
    return `(CASE WHEN ${v} IS NULL OR ${this.isType(v, ['null'])} THEN NULL ELSE JSON_UNQUOTE(${v}) END)`;
  }

  protected number(key: Key): string {
    return `CAST(${this.value(key)} AS DECIMAL(30, 6))`;
  }

  protected storageSize(column: string): string {
    return `LENGTH(${column})`;
  }

  /** The runs-table row that holds the run `e`, aliased `alias`. */
  protected presentCondition(alias: string): string {
    return `${alias}.${this.id('run_id')} = ${this.text('run_id')}`;
  }

  protected kind(): string {
    const id = this.value('run_id');
    return (
      `(CASE WHEN NOT ${this.isType(this.element(), ['object'])} THEN 'not_object' ` +
      `WHEN ${id} IS NULL OR ${this.isType(id, ['null'])} THEN 'no_run_id' ELSE 'run' END)`
    );
  }

  /** Python's truthiness of a key of the run, as Agno tests `run.get("agent_id")`. */
  protected truthy(key: Key): string {
    const v = this.value(key);
    return (
      `(CASE WHEN ${v} IS NULL THEN FALSE WHEN ${this.isType(v, ['string'])} THEN JSON_UNQUOTE(${v}) <> '' ` +
      `WHEN ${this.isType(v, ['integer', 'double', 'decimal'])} THEN ${this.number(key)} <> 0 WHEN ${this.isType(v, ['boolean'])} THEN JSON_UNQUOTE(${v}) = 'true' ` +
      `WHEN ${this.isType(v, ['array', 'object'])} THEN JSON_LENGTH(${v}) > 0 ELSE FALSE END)`
    );
  }
}
