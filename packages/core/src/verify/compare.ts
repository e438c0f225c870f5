import { indexesFor } from '../catalog/indexes.js';
import type { ColumnDef, LogicalType, TableDef } from '../catalog/types.js';
import type { ColumnState, TableState } from '../dialect/table-state.js';
import { knownDifference } from './known-differences.js';
import type { Dialect } from '../dialect/dialect.js';
import type { FindingKind } from './types.js';

/** One way a live table differs from its definition, before verify decides what to do about it. */
export interface Difference {
  readonly kind: FindingKind;
  readonly column?: ColumnDef | { readonly name: string };
  readonly columns?: readonly string[];
  readonly name?: string;
  readonly unique?: boolean;
  readonly where?: string;
  /** For a foreign key: what it references, and the live one's ON DELETE when only that differs. */
  readonly references?: { readonly table: string; readonly columns: readonly string[]; readonly onDelete?: string };
  readonly liveForeignKey?: { readonly name: string | null; readonly onDelete: string };
}

/** Predicates as databases print them differ in parentheses, quoting and case only. */
const normalisePredicate = (p: string) => p.toLowerCase().replace(/[\s()"`]/g, '');

/** Unknown when the dialect does not read predicates: then any unique index on the columns is accepted. */
function samePredicate(state: TableState, live: string | undefined, expected: string): boolean {
  if (!state.indexPredicates) return true;
  return live !== undefined && normalisePredicate(live) === normalisePredicate(expected);
}

export function differenceKey(d: Difference): string {
  return `${d.kind}:${d.column?.name ?? ''}:${(d.columns ?? []).join(',')}`;
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join('\0') === [...b].sort().join('\0');
const sameList = (a: readonly string[], b: readonly string[]) => a.join('\0') === b.join('\0');

/**
 * Every difference between a live table and the catalog's definition: missing or extra columns,
 * types, nullability, the primary key, indexes and unique constraints. Names of indexes and
 * constraints are not compared (Agno's migrations and its CREATE name them differently: `ix_` and
 * `idx_`), only what they cover; extra indexes are the user's business; server defaults are not
 * compared (Agno's SQLite 2.3.0 leaves one on memories.created_at, fresh tables have none).
 */
export function compareTable(
  def: TableDef,
  table: string,
  state: TableState,
  dialect: Pick<Dialect, 'flavor' | 'introspector'>,
  names: Readonly<Record<string, string>> = {},
): Difference[] {
  const out: Difference[] = [];
  const { flavor } = dialect;
  const typeMatches = (expected: LogicalType, live: ColumnState) => dialect.introspector.typeMatches(expected, live);
  const pk = def.primaryKey;
  for (const column of def.columns) {
    const live = state.columns.find((c) => c.name === column.name);
    if (!live) {
      out.push({ kind: 'missing-column', column });
      continue;
    }
    const known = knownDifference(def.tableType, column.name, flavor);
    const alsoJson = known?.alsoType === 'json-plain' && live.dataType === 'json';
    const alsoType = known?.alsoType !== undefined && known.alsoType !== 'json-plain' && typeMatches({ kind: known.alsoType }, live);
    if (!typeMatches(column.type, live) && !alsoJson && !alsoType) out.push({ kind: 'wrong-type', column });
    const nullable = column.nullable && !pk.includes(column.name);
    if (live.nullable !== nullable && !(live.nullable && known?.alsoNullable)) out.push({ kind: 'wrong-nullability', column });
  }
  for (const live of state.columns) {
    if (def.columns.some((c) => c.name === live.name)) continue;
    if (knownDifference(def.tableType, live.name, flavor)?.allowedExtra) continue;
    out.push({ kind: 'extra-column', column: { name: live.name } });
  }

  const livePk = state.primaryKey?.columns ?? [];
  if (pk.length > 0 && livePk.length === 0) out.push({ kind: 'missing-primary-key', columns: pk });
  else if (pk.length > 0 && !sameList(pk, livePk)) out.push({ kind: 'different-primary-key', columns: pk });

  const validIndexes = state.indexes.filter((i) => i.valid);
  // A partial unique index enforces uniqueness only on some rows: it stands in for no constraint.
  const partialNames = new Set(validIndexes.filter((i) => i.where !== undefined).map((i) => i.name));
  const uniqueSets = [
    ...(livePk.length > 0 ? [livePk] : []),
    ...state.uniqueConstraints.filter((u) => u.name === null || !partialNames.has(u.name)).map((u) => u.columns),
    ...validIndexes.filter((i) => i.unique && i.where === undefined).map((i) => i.columns),
  ];
  const expectedUniques = [
    ...def.uniqueConstraints.map((u) => ({ name: `${table}_${u.suffix}`, columns: u.columns })),
    ...def.columns.filter((c) => c.unique).map((c) => ({ name: undefined, columns: [c.name] })),
  ];
  for (const u of expectedUniques) {
    if (!uniqueSets.some((s) => sameSet(s, u.columns))) {
      out.push({ kind: 'missing-unique', columns: u.columns, ...(u.name ? { name: u.name } : {}) });
    }
  }
  for (const index of indexesFor(def, table)) {
    const found = index.where
      ? validIndexes.some((i) => i.unique && sameSet(i.columns, index.columns) && samePredicate(state, i.where, index.where!))
      : index.unique
        ? uniqueSets.some((s) => sameSet(s, index.columns))
        : validIndexes.some((i) => sameList(i.columns, index.columns)) || sameList(livePk, index.columns);
    if (!found) {
      out.push({
        kind: 'missing-index',
        columns: index.columns,
        name: index.name,
        unique: index.unique,
        ...(index.where ? { where: index.where } : {}),
      });
    }
  }
  out.push(...compareForeignKeys(def, state, names));
  return out;
}

/** Only when the dialect reads foreign keys; a NO ACTION key satisfies RESTRICT-like expectations, CASCADE must be CASCADE. */
function compareForeignKeys(def: TableDef, state: TableState, names: Readonly<Record<string, string>>): Difference[] {
  if (state.foreignKeys === undefined) return [];
  const out: Difference[] = [];
  for (const fk of def.foreignKeys) {
    const table = names[fk.references.tableType];
    if (table === undefined) continue;
    const expectedAction = fk.onDelete ?? 'NO ACTION';
    const sameTarget = state.foreignKeys.filter(
      (l) =>
        sameList(l.columns, fk.columns) &&
        l.referencedTable === table &&
        (l.referencedColumns.length === 0 || sameList(l.referencedColumns, fk.references.columns)),
    );
    const references = { table, columns: fk.references.columns, ...(fk.onDelete ? { onDelete: fk.onDelete } : {}) };
    const name = fk.suffix ? `${state.name}_${fk.suffix}` : undefined;
    const action = (a: string) => (a === 'RESTRICT' ? 'NO ACTION' : a);
    if (sameTarget.some((l) => action(l.onDelete) === expectedAction)) continue;
    const live = sameTarget[0];
    out.push({
      kind: 'missing-foreign-key',
      columns: fk.columns,
      references,
      ...(name ? { name } : {}),
      ...(live ? { liveForeignKey: { name: live.name, onDelete: live.onDelete } } : {}),
    });
  }
  return out;
}
