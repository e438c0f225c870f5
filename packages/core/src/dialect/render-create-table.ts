import { indexesFor } from '../catalog/indexes.js';
import type { TableDef } from '../catalog/types.js';
import type { Statement } from '../sql/statement.js';
import { sql } from '../sql/statement.js';
import type { BaseEmitter } from './base-emitter.js';

/**
 * CREATE TABLE the way SQLAlchemy's metadata.create_all emits Agno's schemas: columns in schema
 * order, then the primary key, named unique constraints and foreign keys, then one CREATE INDEX
 * per index.
 */
export function renderCreateTable(
  emitter: BaseEmitter,
  def: TableDef,
  table: string,
  referencedTables: Readonly<Record<string, string>>,
): Statement[] {
  const lines = def.columns.map((c) => emitter.columnDefinition(c.name, c.type, c.nullable && !def.primaryKey.includes(c.name)));
  if (def.primaryKey.length > 0) lines.push(`PRIMARY KEY (${emitter.columnList(def.primaryKey)})`);
  for (const u of def.uniqueConstraints) {
    lines.push(`CONSTRAINT ${emitter.quoteIdent(`${table}_${u.suffix}`)} UNIQUE (${emitter.columnList(u.columns)})`);
  }
  for (const c of def.columns.filter((col) => col.unique)) lines.push(`UNIQUE (${emitter.quoteIdent(c.name)})`);
  for (const fk of def.foreignKeys) {
    const target = referencedTables[fk.references.tableType];
    if (!target) throw new Error(`catalog: ${def.tableType} references ${fk.references.tableType}, whose name is unknown`);
    const onDelete = fk.onDelete ? ` ON DELETE ${fk.onDelete}` : '';
    const name = fk.suffix ? `CONSTRAINT ${emitter.quoteIdent(`${table}_${fk.suffix}`)} ` : '';
    lines.push(
      `${name}FOREIGN KEY(${emitter.columnList(fk.columns)}) REFERENCES ${emitter.qualify(target)} (${emitter.columnList(fk.references.columns)})${onDelete}`,
    );
  }
  const create = sql(`CREATE TABLE ${emitter.qualify(table)} (\n\t${lines.join(',\n\t')}\n)`);
  const indexes = indexesFor(def, table).map((i) => emitter.createIndexSql(table, i.name, i.columns, i.unique, i.where));
  return [create, ...indexes];
}
