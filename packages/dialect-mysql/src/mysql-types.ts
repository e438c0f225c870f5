import type { ColumnState, LogicalType } from '@agno-migrate/core/dialect';
import { columnTypeName, ConfigurationError, STANDARD_TYPE_NAMES } from '@agno-migrate/core/dialect';

/** Column types as SQLAlchemy renders Agno's MySQLDb schemas (Boolean is BOOL there). */
export function mysqlColumnType(type: LogicalType, column = 'a string column'): string {
  if (type.kind === 'string' && type.length === undefined) {
    throw new ConfigurationError(`${column} has no length: MySQL's VARCHAR needs one (declare it in the table definition)`);
  }
  return columnTypeName(type, { ...STANDARD_TYPE_NAMES, boolean: 'BOOL' }, true);
}

/** Types that need a prefix length to be indexed (TEXT and BLOB families; JSON, which MariaDB stores as LONGTEXT). */
const LONG_TYPES = new Set(['text', 'tinytext', 'mediumtext', 'longtext', 'blob', 'tinyblob', 'mediumblob', 'longblob', 'json']);

export function needsIndexPrefix(column: ColumnState | undefined): boolean {
  return column !== undefined && LONG_TYPES.has(column.dataType);
}

const SIZED = new Set(['varchar', 'char', 'varbinary', 'binary']);

/**
 * A column's full type from the table state, for MODIFY COLUMN. The state holds either what the
 * introspector read (`varchar` + length) or what an earlier operation of the step declared (the
 * logical kind, such as `bigint`).
 */
export function stateColumnType(column: ColumnState): string {
  const type = column.dataType.toLowerCase();
  if (type === 'string' || SIZED.has(type)) {
    if (column.length == null) {
      throw new ConfigurationError(`column ${column.name} has no known length: cannot restate its ${type.toUpperCase()} type`);
    }
    return `${type === 'string' ? 'VARCHAR' : type.toUpperCase()}(${column.length})`;
  }
  if (type === 'boolean') return 'BOOL';
  return type.toUpperCase();
}

export interface RawColumnType {
  readonly dataType: string;
  readonly columnType: string;
  /** MariaDB's JSON is LONGTEXT with an automatic CHECK (json_valid(col)). */
  readonly jsonChecked: boolean;
}

/** information_schema's DATA_TYPE, normalised to the names core compares (`json`, `boolean`, `integer`). */
export function normaliseDataType(raw: RawColumnType): string {
  const type = raw.dataType.toLowerCase();
  if (type === 'longtext' && raw.jsonChecked) return 'json';
  if (type === 'tinyint' && /^tinyint\(1\)/i.test(raw.columnType)) return 'boolean';
  if (type === 'int') return 'integer';
  return type;
}
