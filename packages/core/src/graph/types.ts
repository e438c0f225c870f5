import type { Flavor, TableDef } from '../catalog/types.js';
import type { DialectCapabilities } from '../dialect/capabilities.js';
import type { Operation } from '../operations/types.js';
import type { Db } from '../dialect/db.js';
import type { Dialect } from '../dialect/dialect.js';

export interface StepContext {
  /** The table's name in the database. */
  readonly table: string;
  /** Every table type's configured name (the runs table of a sessions table, a foreign key's parent). */
  readonly names: Readonly<Record<string, string>>;
  /** The table type's latest definition on this dialect's flavour (for column types). */
  readonly latest: TableDef;
  /**
   * The catalog flavour: for the few facts Agno's own migration spells per dialect family, the way
   * the catalog does (SQLite's 3.0.0 adds schedules' provenance columns as TEXT).
   */
  readonly flavor: Flavor;
  /** What the database can do in place: a step chooses between an ALTER and a rebuild by it. */
  readonly capabilities: DialectCapabilities;
  /** Epoch seconds at the start of the run: the value Agno backfills with. */
  readonly now: number;
}

export interface TableStep {
  up(ctx: StepContext): readonly Operation[];
  down(ctx: StepContext): readonly Operation[];
  /**
   * Read-only, run by status on an existing table whatever its stamp: data this step changes that
   * is still there (entity memories under pre-3.0 keys), said as one sentence, or null.
   */
  readonly notice?: (ctx: NoticeContext) => Db<string | null>;
}

export interface NoticeContext {
  readonly table: string;
  readonly dialect: Dialect;
  /** The table's recorded version. */
  readonly current: string;
}

/** An edge of the version graph: the changes that take every table type from `from` to `to`. */
export interface Step {
  readonly from: string;
  readonly to: string;
  /** Per table type; a type absent here has nothing to do in this step but is still stamped. */
  readonly tables: Readonly<Record<string, TableStep>>;
  /**
   * Table types that cannot pass this step, with the reason: they stop at `from`, are reported as
   * held there and are never stamped past it (Agno 3.0 retired culture).
   */
  readonly holds?: Readonly<Record<string, string>>;
}
