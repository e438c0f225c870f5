import type { Flavor, LogicalType } from '../catalog/types.js';
import type { ColumnState } from '../dialect/table-state.js';

const TEXT_FAMILY = new Set(['text', 'mediumtext', 'longtext']);
const STRING_NAMES = new Set(['varchar', 'string', 'character varying']);

/** PostgreSQL and SQLite strings carry no length in Agno's schemas: VARCHAR and TEXT store the same. */
const unboundedStrings = (flavor: Flavor) => flavor === 'postgres' || flavor === 'sqlite';

/**
 * Whether a live column's type is the catalog's type on this flavour. `dataType` is either what a
 * dialect read (`varchar`, `jsonb`, …) or, for a column a simulated step added, the logical kind.
 *
 * Tolerated on purpose: unbounded VARCHAR for TEXT and back on PostgreSQL and SQLite (Agno retyped
 * five PostgreSQL columns from VARCHAR to TEXT without a migration, and SQLite declares long text as
 * VARCHAR); a MySQL VARCHAR longer than Agno's or a wider TEXT (nothing Agno writes is cut); any
 * declared length on SQLite (which ignores it).
 */
export function typeMatches(expected: LogicalType, live: ColumnState, flavor: Flavor): boolean {
  const type = live.dataType.toLowerCase();
  const length = live.length ?? null;
  switch (expected.kind) {
    case 'string':
      if (STRING_NAMES.has(type)) return lengthFits(expected.length, length, flavor);
      return unboundedStrings(flavor) && type === 'text';
    case 'text':
      if (TEXT_FAMILY.has(type)) return true;
      return unboundedStrings(flavor) && STRING_NAMES.has(type) && (flavor === 'sqlite' || length === null);
    case 'json':
      return flavor === 'postgres' ? type === 'jsonb' : type === 'json';
    case 'boolean':
      return type === 'boolean' || type === 'bool';
    default:
      return type === expected.kind;
  }
}

function lengthFits(expected: number | undefined, live: number | null, flavor: Flavor): boolean {
  if (flavor === 'sqlite' || live === null) return true;
  if (expected === undefined) return flavor !== 'postgres';
  return live >= expected;
}

/** A live column's type for people: `VARCHAR(128)`, `JSONB`. */
export function describeLiveType(column: ColumnState): string {
  const name = column.dataType === 'string' ? 'varchar' : column.dataType;
  return `${name.toUpperCase()}${column.length ? `(${column.length})` : ''}`;
}
