/**
 * Catalog flavours: Agno declares its tables per dialect family (schemas.py per adapter), so the
 * catalog speaks in these four families. A dialect package names the flavour it creates tables as.
 */
export type Flavor = 'postgres' | 'sqlite' | 'mysql' | 'singlestore';

export const FLAVORS: readonly Flavor[] = ['postgres', 'sqlite', 'mysql', 'singlestore'];

export type LogicalType =
  | { readonly kind: 'string'; readonly length?: number }
  | { readonly kind: 'text' }
  | { readonly kind: 'json' }
  | { readonly kind: 'bigint' }
  | { readonly kind: 'integer' }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'date' };

export interface ColumnDef {
  readonly name: string;
  readonly type: LogicalType;
  readonly nullable: boolean;
  /** Single-column index named `idx_<table>_<column>`. */
  readonly index?: boolean;
  /** Column-level, unnamed UNIQUE (the database picks the constraint name). */
  readonly unique?: boolean;
}

export interface ForeignKeyDef {
  readonly columns: readonly string[];
  /** The referenced table, by table type, so renamed tables are followed. */
  readonly references: { readonly tableType: string; readonly columns: readonly string[] };
  readonly onDelete?: 'CASCADE';
  /** Appended to `<table>_` for a named constraint (Agno names its composite keys); unnamed otherwise. */
  readonly suffix?: string;
}

export interface NamedColumnsDef {
  /** Appended to `<table>_` to form the constraint or index name. */
  readonly suffix: string;
  readonly columns: readonly string[];
}

export interface PartialUniqueIndexDef extends NamedColumnsDef {
  readonly where: string;
}

/** One table type's definition for one flavour, independent of the table's name. */
export interface TableDef {
  readonly tableType: string;
  readonly columns: readonly ColumnDef[];
  readonly primaryKey: readonly string[];
  /** Composite indexes, named `idx_<table>_<col1>_<col2>…`. */
  readonly compositeIndexes: readonly (readonly string[])[];
  /**
   * Composite indexes named `<table>_<declared name>`: Agno 3.x's MySQL and SingleStore schemas
   * (`_composite_indexes`) use the declared name, where PostgreSQL and SQLite derive it from the columns.
   */
  readonly namedIndexes?: readonly NamedColumnsDef[];
  readonly uniqueConstraints: readonly NamedColumnsDef[];
  readonly partialUniqueIndexes: readonly PartialUniqueIndexDef[];
  readonly foreignKeys: readonly ForeignKeyDef[];
  /** SingleStore shard key; absent elsewhere. */
  readonly shardKey?: readonly string[];
}

/** An index as it will exist for a concrete table name. */
export interface IndexDef {
  readonly name: string;
  readonly columns: readonly string[];
  readonly unique: boolean;
  readonly where?: string;
}
