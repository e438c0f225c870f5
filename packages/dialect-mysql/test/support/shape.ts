import type { LogicalType, TableDef } from '@agno-migrate/core';
import { indexesFor } from '@agno-migrate/core';
import type { TestDatabase } from '@agno-migrate/test-infra';

/** A table as comparable text: column → "type [NOT NULL]", index → "[UNIQUE ](cols)". */
export interface Shape {
  readonly columns: Record<string, string>;
  readonly indexes: Record<string, string>;
}

/**
 * Read straight from information_schema, independent of the dialect's introspector. MariaDB's
 * JSON (LONGTEXT + json_valid check) reads as `json`; integer display widths are dropped, since
 * MySQL 8 no longer reports them.
 */
export async function liveShape(db: TestDatabase, table: string): Promise<Shape> {
  const schema = db.namespace!;
  const columns = await db.rows(
    'SELECT COLUMN_NAME AS name, COLUMN_TYPE AS type, IS_NULLABLE AS nullable FROM information_schema.COLUMNS ' +
      'WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION',
    [schema, table],
  );
  const json = new Set<string>();
  if (columns.some((c) => c['type'] === 'longtext')) {
    const checks = await db.rows(
      'SELECT CONSTRAINT_NAME AS name, CHECK_CLAUSE AS clause FROM information_schema.CHECK_CONSTRAINTS ' +
        'WHERE CONSTRAINT_SCHEMA = ? AND TABLE_NAME = ?',
      [schema, table],
    );
    for (const c of checks) if (String(c['clause']) === `json_valid(\`${String(c['name'])}\`)`) json.add(String(c['name']));
  }
  const stats = await db.rows(
    'SELECT INDEX_NAME AS name, NON_UNIQUE AS non_unique, COLUMN_NAME AS col, SUB_PART AS sub_part ' +
      'FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY INDEX_NAME, SEQ_IN_INDEX',
    [schema, table],
  );
  const shape: Shape = { columns: {}, indexes: {} };
  for (const c of columns) {
    const name = String(c['name']);
    let type = String(c['type']).toLowerCase();
    if (json.has(name)) type = 'json';
    else if (type === 'tinyint(1)') type = 'bool';
    else type = type.replace(/^(bigint|int|smallint|mediumint|tinyint)\(\d+\)/, '$1');
    shape.columns[name] = `${type}${c['nullable'] === 'NO' ? ' NOT NULL' : ''}`;
  }
  const indexes = new Map<string, { unique: boolean; parts: string[] }>();
  for (const s of stats) {
    const name = String(s['name']);
    const entry = indexes.get(name) ?? { unique: Number(s['non_unique']) === 0, parts: [] };
    entry.parts.push(s['sub_part'] == null ? String(s['col']) : `${String(s['col'])}(${String(s['sub_part'])})`);
    indexes.set(name, entry);
  }
  for (const [name, entry] of indexes) shape.indexes[name] = `${entry.unique ? 'UNIQUE ' : ''}(${entry.parts.join(', ')})`;
  return shape;
}

function typeText(type: LogicalType): string {
  switch (type.kind) {
    case 'string':
      return `varchar(${type.length})`;
    case 'integer':
      return 'int';
    case 'boolean':
      return 'bool';
    default:
      return type.kind;
  }
}

/** What a table of this definition looks like on MySQL, from the catalog. */
export function expectedShape(def: TableDef, table: string): Shape {
  const shape: Shape = { columns: {}, indexes: {} };
  for (const c of def.columns) {
    const notNull = !c.nullable || def.primaryKey.includes(c.name);
    shape.columns[c.name] = `${typeText(c.type)}${notNull ? ' NOT NULL' : ''}`;
  }
  if (def.primaryKey.length > 0) shape.indexes['PRIMARY'] = `UNIQUE (${def.primaryKey.join(', ')})`;
  for (const u of def.uniqueConstraints) shape.indexes[`${table}_${u.suffix}`] = `UNIQUE (${u.columns.join(', ')})`;
  for (const i of indexesFor(def, table)) shape.indexes[i.name] = `${i.unique ? 'UNIQUE ' : ''}(${i.columns.join(', ')})`;
  return shape;
}

export async function versionRows(db: TestDatabase, table = 'agno_schema_versions'): Promise<Record<string, string>> {
  const rows = await db.rows(`SELECT table_name, version FROM ${db.qualify(table)}`);
  return Object.fromEntries(rows.map((r) => [String(r['table_name']), String(r['version'])]));
}
