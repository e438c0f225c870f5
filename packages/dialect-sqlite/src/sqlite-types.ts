import type { LogicalType } from '@agno-migrate/core';

/** Column types as SQLAlchemy renders Agno's SQLite schemas. */
export function sqliteColumnType(type: LogicalType): string {
  switch (type.kind) {
    case 'string':
      return 'VARCHAR';
    case 'text':
      return 'TEXT';
    case 'json':
      return 'JSON';
    case 'bigint':
      return 'BIGINT';
    case 'integer':
      return 'INTEGER';
    case 'boolean':
      return 'BOOLEAN';
    case 'date':
      return 'DATE';
  }
}

/** `VARCHAR(128)` → `{ dataType: 'varchar', length: 128 }`; SQLite keeps declared types as free text. */
export function parseDeclaredType(declared: string): { dataType: string; length: number | null } {
  const match = /^\s*([A-Za-z ]+?)\s*(?:\(\s*(\d+)\s*(?:,\s*\d+\s*)?\))?\s*$/.exec(declared);
  if (!match?.[1]) return { dataType: declared.trim().toLowerCase(), length: null };
  return { dataType: match[1].toLowerCase(), length: match[2] ? Number(match[2]) : null };
}
