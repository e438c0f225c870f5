import type { TestDatabase } from './target.js';

/**
 * Where databases differ in what Agno does on them or in what SQL they accept, each target says so
 * here, so the conformance suites ask a question instead of naming a database.
 */
export interface TargetTraits {
  /** A short string column's type in hand-written DDL (the MySQL family requires a length). */
  stringType(length: number): string;
  /** The type Agno gives a JSON column (the sessions' legacy runs column). */
  readonly jsonType: string;
  /** The database enforces foreign keys, ON DELETE CASCADE included. */
  readonly enforcesForeignKeys: boolean;
  /** What a raw connection runs before it enforces them (SQLite asks per connection), or null. */
  readonly foreignKeysOnSql: string | null;
  /** The dialect's introspection reads foreign keys, so verify can report a lost one. */
  readonly readsForeignKeys: boolean;
  /** Partial (`WHERE …`) unique indexes exist and are read back. */
  readonly partialIndexes: boolean;
  /** Unique keys besides the primary key exist (SingleStore allows only keys holding the shard key). */
  readonly uniqueKeys: boolean;
  /** The tables new in Agno 3.0 that Agno creates here, out of runs, tool_results and jobs. */
  readonly agno3Tables: readonly string[];
  /** The runs table's primary key as Agno declares it here. */
  readonly runsPrimaryKey: readonly string[];
  /** The name Agno gives the runs table's (session_id, run_index) index. */
  runsSessionIndexName(runsTable: string): string;
  /** Agno's own migration added the schedules' provenance columns as TEXT, which verify must accept. */
  readonly textProvenanceColumns: boolean;
  /**
   * How an Agno 2.2 sessions table comes to repeat a session_id: the SQL dropping the key that
   * forbids it (null when 2.2's key also spans session_type), and the repeat's session_type. Null
   * where 2.2 made session_id the primary key (SQLite), so no repeat can exist.
   */
  readonly repeatedSessionIn22: {
    readonly dropKeySql: ((db: TestDatabase, table: string) => string) | null;
    readonly sessionType: string;
  } | null;
}
