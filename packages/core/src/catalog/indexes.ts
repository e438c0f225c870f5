import type { IndexDef, TableDef } from './types.js';

/** The secondary indexes Agno creates for a table definition under a given table name. */
export function indexesFor(def: TableDef, table: string): IndexDef[] {
  const single = def.columns.filter((c) => c.index).map((c) => ({ name: `idx_${table}_${c.name}`, columns: [c.name], unique: false }));
  const composite = def.compositeIndexes.map((columns) => ({
    name: `idx_${table}_${columns.join('_')}`,
    columns,
    unique: false,
  }));
  const named = (def.namedIndexes ?? []).map((n) => ({ name: `${table}_${n.suffix}`, columns: n.columns, unique: false }));
  const partial = def.partialUniqueIndexes.map((p) => ({
    name: `${table}_${p.suffix}`,
    columns: p.columns,
    unique: true,
    where: p.where,
  }));
  return [...single, ...composite, ...named, ...partial];
}

/** Every identifier the catalog would create for this table: checked against length limits up front. */
export function generatedNames(def: TableDef, table: string): string[] {
  return [
    ...indexesFor(def, table).map((i) => i.name),
    ...def.uniqueConstraints.map((u) => `${table}_${u.suffix}`),
    ...def.foreignKeys.flatMap((f) => (f.suffix ? [`${table}_${f.suffix}`] : [])),
  ];
}
