import type { LogicalType } from '@agno-migrate/core/dialect';
import { columnTypeName } from '@agno-migrate/core/dialect';

/** Column types as SQLAlchemy renders Agno's SQLite schemas (no lengths: SQLite ignores them). */
export function sqliteColumnType(type: LogicalType): string {
  return columnTypeName(type);
}

/** `VARCHAR(128)` → `{ dataType: 'varchar', length: 128 }`; SQLite keeps declared types as free text. */
export function parseDeclaredType(declared: string): { dataType: string; length: number | null } {
  const match = /^\s*([A-Za-z ]+?)\s*(?:\(\s*(\d+)\s*(?:,\s*\d+\s*)?\))?\s*$/.exec(declared);
  if (!match?.[1]) return { dataType: declared.trim().toLowerCase(), length: null };
  return { dataType: match[1].toLowerCase(), length: match[2] ? Number(match[2]) : null };
}
