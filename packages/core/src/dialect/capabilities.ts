/** What core may ask of a dialect instead of asking which database it is. */
export interface DialectCapabilities {
  /** DDL can be rolled back: each step and its stamp commit in one transaction. */
  readonly transactionalDdl: boolean;
  /** A JSONB type distinct from JSON exists (the 2.3.0 conversions are no-ops elsewhere). */
  readonly jsonb: boolean;
  /** Tables live in a schema or database the tool may create (`init`). */
  readonly namespaces: boolean;
  /** The driver is synchronous: the manager can also run without awaiting (`upSync()`). */
  readonly synchronous: boolean;
  /** Longest identifier the database accepts, in bytes. */
  readonly maxIdentifierBytes: number;
  /** An existing table's primary key can be changed in place (otherwise it needs a rebuild). */
  readonly alterPrimaryKey: boolean;
  /**
   * A unique key can be added to and dropped from an existing table. SQLite cannot drop one declared
   * in CREATE TABLE: a step that swaps keys rebuilds the table there.
   */
  readonly alterUniqueKeys: boolean;
}

export const DEFAULT_CAPABILITIES: DialectCapabilities = {
  transactionalDdl: false,
  jsonb: false,
  namespaces: false,
  synchronous: false,
  maxIdentifierBytes: 63,
  alterPrimaryKey: true,
  alterUniqueKeys: true,
};
