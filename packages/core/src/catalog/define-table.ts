import type { ColumnDef, TableDef } from './types.js';

type Extras = Partial<Omit<TableDef, 'tableType' | 'columns' | 'primaryKey'>>;

export function defineTable(
  tableType: string,
  primaryKey: readonly string[],
  columns: readonly ColumnDef[],
  extras: Extras = {},
): TableDef {
  return {
    tableType,
    columns,
    primaryKey,
    compositeIndexes: extras.compositeIndexes ?? [],
    ...(extras.namedIndexes && extras.namedIndexes.length > 0 ? { namedIndexes: extras.namedIndexes } : {}),
    uniqueConstraints: extras.uniqueConstraints ?? [],
    partialUniqueIndexes: extras.partialUniqueIndexes ?? [],
    foreignKeys: extras.foreignKeys ?? [],
    ...(extras.shardKey ? { shardKey: extras.shardKey } : {}),
  };
}
