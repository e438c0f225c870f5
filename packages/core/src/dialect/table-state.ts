/** What a dialect reads back from the live database about one table, normalised across dialects. */
export interface ColumnState {
  readonly name: string;
  /**
   * Lower-case base type as the database reports it (`varchar`, `text`, `json`, `jsonb`, `bigint`,
   * `integer`, `boolean`, `date`, `tinyint`, `longtext`, …), without length.
   */
  readonly dataType: string;
  readonly length?: number | null;
  readonly nullable: boolean;
  /** The server default as SQL text, or null when there is none. */
  readonly defaultValue?: string | null;
}

export interface IndexState {
  readonly name: string;
  readonly columns: readonly string[];
  readonly unique: boolean;
  /** False for a PostgreSQL index left INVALID by a failed CONCURRENTLY build: it counts as missing. */
  readonly valid: boolean;
  /** The WHERE predicate of a partial index, as the database prints it; absent for a full index. */
  readonly where?: string;
}

export interface ConstraintState {
  readonly name: string | null;
  readonly columns: readonly string[];
}

export interface ForeignKeyState {
  readonly name: string | null;
  readonly columns: readonly string[];
  /** The referenced table's name (unqualified). */
  readonly referencedTable: string;
  readonly referencedColumns: readonly string[];
  /** The ON DELETE action in upper case: `CASCADE`, `NO ACTION`, `RESTRICT`, `SET NULL`, `SET DEFAULT`. */
  readonly onDelete: string;
}

export interface TableState {
  readonly name: string;
  readonly columns: readonly ColumnState[];
  /** Secondary indexes, not the ones backing the primary key. */
  readonly indexes: readonly IndexState[];
  readonly primaryKey: ConstraintState | null;
  /** Named UNIQUE constraints (on MySQL-family databases these are unique indexes too). */
  readonly uniqueConstraints: readonly ConstraintState[];
  /** True when the dialect reads partial-index predicates, so an index without `where` is a full one. */
  readonly indexPredicates?: boolean;
  /**
   * Whether the table has triggers of its own (not those behind keys); absent where the dialect
   * does not read them. An UPDATE fires them, so a plan folds one into a rewrite only where false.
   */
  readonly userTriggers?: boolean;
  /** Foreign keys, when the dialect reads them; absent means not read (verify then skips them). */
  readonly foreignKeys?: readonly ForeignKeyState[];
}

export function findColumn(state: TableState, name: string): ColumnState | undefined {
  return state.columns.find((c) => c.name === name);
}

export function findIndex(state: TableState, name: string): IndexState | undefined {
  return state.indexes.find((i) => i.name === name && i.valid);
}

export function findUnique(state: TableState, name: string): ConstraintState | undefined {
  return state.uniqueConstraints.find((u) => u.name === name);
}
