import type { Statement, TableDef } from '@agno-migrate/core/dialect';
import { sql } from '@agno-migrate/core/dialect';

/**
 * Agno's SingleStore tables: the MySQL CREATE TABLE plus `SHARD KEY (…)` after the primary key
 * where the catalog gives one (sessions), and no FOREIGN KEY clause — SingleStore has no foreign
 * keys; by default it drops the clause with a warning, and with `warn_level = errors` refuses it.
 */
export function withShardKey(statements: readonly Statement[], def: TableDef, shardKey: string): Statement[] {
  const [create, ...rest] = statements;
  if (!create || !def.shardKey || def.shardKey.length === 0) return [...statements];
  if (!create.sql.endsWith('\n)')) throw new Error(`unexpected CREATE TABLE form for ${def.tableType}`);
  return [sql(`${create.sql.slice(0, -2)},\n\t${shardKey}\n)`, create.params), ...rest];
}

export function withoutForeignKeys(def: TableDef): TableDef {
  return def.foreignKeys.length === 0 ? def : { ...def, foreignKeys: [] };
}
