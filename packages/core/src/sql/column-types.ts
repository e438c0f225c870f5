import type { LogicalType } from '../catalog/types.js';

export type TypeNames = Readonly<Record<LogicalType['kind'], string>>;

/** SQLAlchemy's names for Agno's column types; a dialect overrides the few it spells differently. */
export const STANDARD_TYPE_NAMES: TypeNames = {
  string: 'VARCHAR',
  text: 'TEXT',
  json: 'JSON',
  bigint: 'BIGINT',
  integer: 'INTEGER',
  boolean: 'BOOLEAN',
  date: 'DATE',
};

/**
 * The type's SQL name; with `lengths`, `(n)` for strings that carry one (MySQL-family flavours —
 * Agno's PostgreSQL and SQLite schemas declare unbounded VARCHAR).
 */
export function columnTypeName(type: LogicalType, names: TypeNames = STANDARD_TYPE_NAMES, lengths = false): string {
  const name = names[type.kind];
  return lengths && type.kind === 'string' && type.length !== undefined ? `${name}(${type.length})` : name;
}
