import type { LogicalType } from '@agno-migrate/core/dialect';
import { columnTypeName, STANDARD_TYPE_NAMES } from '@agno-migrate/core/dialect';

/** Column types as SQLAlchemy renders Agno's PostgreSQL schemas: VARCHAR without a length, JSONB. */
export function postgresColumnType(type: LogicalType): string {
  return columnTypeName(type, { ...STANDARD_TYPE_NAMES, json: 'JSONB' });
}

const SQL_NAMES: Readonly<Record<string, string>> = {
  'character varying': 'varchar',
  character: 'char',
  'timestamp without time zone': 'timestamp',
  'timestamp with time zone': 'timestamptz',
  'time without time zone': 'time',
  'time with time zone': 'timetz',
};

/**
 * information_schema's spelling → the short lower-case names core compares (`varchar`, `json`,
 * `jsonb`, `bigint`, …). Arrays and user-defined types report their udt_name instead.
 */
export function normalizeDataType(dataType: string, udtName?: string | null): string {
  const lower = dataType.toLowerCase();
  if ((lower === 'array' || lower === 'user-defined') && udtName) return udtName.toLowerCase();
  return SQL_NAMES[lower] ?? lower;
}
