import { indexesFor } from '../catalog/indexes.js';
import type { TableDef } from '../catalog/types.js';
import type { Statement } from '../sql/statement.js';
import { sql } from '../sql/statement.js';
import type { BaseDialect } from './base-dialect.js';

/**
 * CREATE TABLE the way SQLAlchemy's metadata.create_all emits Agno's schemas: columns in schema
 * order, then the primary key, named unique constraints and foreign keys, then one CREATE INDEX
 * per index.
 */
export function renderCreateTable(
  dialect: BaseDialect,
  def: TableDef,
  table: string,
  referencedTables: Readonly<Record<string, string>>,
): Statement[] {
  const lines = def.columns.map((c) => dialect.columnDefinition(c.name, c.type, c.nullable && !def.primaryKey.includes(c.name)));
  if (def.primaryKey.length > 0) lines.push(`PRIMARY KEY (${dialect.columnList(def.primaryKey)})`);
  for (const u of def.uniqueConstraints) {
    lines.push(`CONSTRAINT ${dialect.quoteIdent(`${table}_${u.suffix}`)} UNIQUE (${dialect.columnList(u.columns)})`);
  }
  for (const c of def.columns.filter((col) => col.unique)) lines.push(`UNIQUE (${dialect.quoteIdent(c.name)})`);
  for (const fk of def.foreignKeys) {
    const target = referencedTables[fk.references.tableType];
    if (!target) throw new Error(`catalog: ${def.tableType} references ${fk.references.tableType}, whose name is unknown`);
    const onDelete = fk.onDelete ? ` ON DELETE ${fk.onDelete}` : '';
    const name = fk.suffix ? `CONSTRAINT ${dialect.quoteIdent(`${table}_${fk.suffix}`)} ` : '';
    lines.push(
      `${name}FOREIGN KEY(${dialect.columnList(fk.columns)}) REFERENCES ${dialect.qualify(target)} (${dialect.columnList(fk.references.columns)})${onDelete}`,
    );
  }
  const create = sql(`CREATE TABLE ${dialect.qualify(table)} (\n\t${lines.join(',\n\t')}\n)`);
  const indexes = indexesFor(def, table).map((i) => dialect.createIndexSql(table, i.name, i.columns, i.unique, i.where));
  return [create, ...indexes];
}
