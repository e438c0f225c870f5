import type { LogicalType } from '../catalog/types.js';
import type { ColumnState } from '../dialect/table-state.js';

const TEXT_FAMILY = new Set(['text', 'mediumtext', 'longtext']);
const STRING_NAMES = new Set(['varchar', 'string', 'character varying']);

/** How a database stores the catalog's types: what a dialect's introspector tolerates when comparing. */
export interface TypeRules {
  /** Strings carry no length in Agno's schemas here: an unbounded VARCHAR and TEXT store the same. */
  readonly unboundedStrings: boolean;
  /** The database ignores declared lengths, so any length fits. */
  readonly ignoresLengths: boolean;
  /** A string the catalog declares without a length must have none live (no implied maximum). */
  readonly unsizedStringsHaveNoLength: boolean;
  /** The live type name of the catalog's `json`. */
  readonly jsonType: string;
}

/** Types as the MySQL family stores them: a VARCHAR longer than Agno's or a wider TEXT is fine, nothing else. */
export const STRICT_TYPE_RULES: TypeRules = {
  unboundedStrings: false,
  ignoresLengths: false,
  unsizedStringsHaveNoLength: false,
  jsonType: 'json',
};

/**
 * Whether a live column's type is the catalog's type under a database's rules. `dataType` is
 * either what a dialect read (`varchar`, `jsonb`, …) or, for a column a simulated step added, the
 * logical kind. Tolerated on purpose everywhere: a VARCHAR longer than Agno's or a wider TEXT
 * (nothing Agno writes is cut); the rules add what a database stores alike.
 */
export function typeMatchesUnder(rules: TypeRules, expected: LogicalType, live: ColumnState): boolean {
  const type = live.dataType.toLowerCase();
  const length = live.length ?? null;
  switch (expected.kind) {
    case 'string':
      if (STRING_NAMES.has(type)) return lengthFits(rules, expected.length, length);
      return rules.unboundedStrings && type === 'text';
    case 'text':
      if (TEXT_FAMILY.has(type)) return true;
      return rules.unboundedStrings && STRING_NAMES.has(type) && (rules.ignoresLengths || length === null);
    case 'json':
      return type === rules.jsonType;
    case 'boolean':
      return type === 'boolean' || type === 'bool';
    default:
      return type === expected.kind;
  }
}

function lengthFits(rules: TypeRules, expected: number | undefined, live: number | null): boolean {
  if (rules.ignoresLengths || live === null) return true;
  if (expected === undefined) return !rules.unsizedStringsHaveNoLength;
  return live >= expected;
}

/** A live column's type for people: `VARCHAR(128)`, `JSONB`. */
export function describeLiveType(column: ColumnState): string {
  const name = column.dataType === 'string' ? 'varchar' : column.dataType;
  return `${name.toUpperCase()}${column.length ? `(${column.length})` : ''}`;
}
