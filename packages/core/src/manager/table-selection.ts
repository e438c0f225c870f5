import { availableOn, resolveTableType, TABLE_TYPES } from '../catalog/registry.js';
import type { TableTypeInfo } from '../catalog/registry.js';
import type { Flavor } from '../catalog/types.js';
import { ConfigurationError } from '../errors.js';
import { compareVersions } from '../versions.js';
import type { TableRef } from './run-context.js';

/**
 * Which tables each command works on, in the order it visits them: status and verify every type,
 * up and down the migrated ones, create the ones Agno creates on this database.
 */

/** Every table type in registry order, restricted by `tableType` when given (status, verify). */
export function selectTables(names: Readonly<Record<string, string>>, tableType?: string): TableRef[] {
  const types: TableTypeInfo[] = tableType === undefined ? [...TABLE_TYPES] : [resolveTableType(tableType)];
  return types.map((info) => ({ info, name: names[info.type]! }));
}

/**
 * `up` and `down` visit the tables Agno migrates; the other types have no step to run, so naming
 * one is a mistake worth a clear line rather than a silent nothing.
 */
export function selectMigratedTables(names: Readonly<Record<string, string>>, tableType?: string): TableRef[] {
  if (tableType === undefined) return TABLE_TYPES.filter((t) => t.migrated).map((info) => ({ info, name: names[info.type]! }));
  const info = resolveTableType(tableType);
  if (!info.migrated) {
    throw new ConfigurationError(
      `${info.type} tables have no migrations (Agno creates them at their current shape): use init to create one and verify to check it`,
      { value: tableType },
    );
  }
  return [{ info, name: names[info.type]! }];
}

/**
 * The tables `create` makes on this flavour (or the one named, with what it references), in
 * foreign-key order. A retired type (culture) is never created: Agno 3.0 has no such table.
 */
export function selectCreatableTables(
  names: Readonly<Record<string, string>>,
  tableType: string | undefined,
  flavor: Flavor,
  dialectName: string,
): TableRef[] {
  checkCreatable(tableType, flavor, dialectName);
  const selected = selectTables(names, tableType).filter(
    (t) => t.info.retired === undefined && (tableType !== undefined || t.info.migrated || availableOn(t.info, flavor)),
  );
  return creationOrder(selected, names, flavor);
}

/** `create` of a table type on a dialect where Agno never creates that table is a mistake, said before any work. */
export function checkCreatable(tableType: string | undefined, flavor: Flavor, dialectName: string): void {
  if (tableType === undefined) return;
  const info = resolveTableType(tableType);
  if (!availableOn(info, flavor)) {
    const where = info.flavors.map((f) => FLAVOR_NAMES[f]).join(' and ');
    throw new ConfigurationError(`Agno does not create ${info.type} tables on ${dialectName}, only on ${where}`, { value: tableType });
  }
}

const FLAVOR_NAMES: Record<Flavor, string> = { postgres: 'PostgreSQL', sqlite: 'SQLite', mysql: 'MySQL', singlestore: 'SingleStore' };

/**
 * The tables `create` makes, in an order where every table comes after the tables its foreign keys
 * reference; a requested table brings those along (Agno creates traces before spans). Tables Agno
 * does not create on this flavour are left out unless asked for.
 */
export function creationOrder(tables: readonly TableRef[], names: Readonly<Record<string, string>>, flavor: Flavor): TableRef[] {
  const ordered: TableRef[] = [];
  const seen = new Set<string>();
  const visit = (ref: TableRef, path: readonly string[]) => {
    if (seen.has(ref.info.type)) return;
    if (path.includes(ref.info.type)) throw new ConfigurationError(`catalog: foreign keys form a cycle through ${ref.info.type}`);
    for (const fk of ref.info.define(flavor).foreignKeys) {
      const target = resolveTableType(fk.references.tableType);
      if (target.type !== ref.info.type) visit({ info: target, name: names[target.type]! }, [...path, ref.info.type]);
    }
    seen.add(ref.info.type);
    ordered.push(ref);
  };
  for (const ref of tables) visit(ref, []);
  return ordered;
}

/** The tables Agno had at `version`: a type introduced later is left out, or refused when asked for by name. */
export function tablesAt(tables: readonly TableRef[], version: string, explicit: boolean): readonly TableRef[] {
  const later = tables.filter((t) => t.info.since !== undefined && compareVersions(t.info.since, version) > 0);
  if (explicit && later.length > 0) {
    const names = later.map((t) => `${t.info.type} (since ${t.info.since})`).join(', ');
    throw new ConfigurationError(`Agno ${version} had no such table: ${names}`, { value: version });
  }
  return tables.filter((t) => !later.includes(t));
}

/**
 * Which tables status and verify show: the migrated ones always (an absent one is worth saying),
 * the others when they exist or were asked for (Agno creates them on first use).
 */
export function isShown(table: TableRef, exists: boolean, explicit: boolean): boolean {
  return (table.info.migrated && table.info.retired === undefined) || exists || explicit;
}

/**
 * Which tables up and down report: every migrated type, but a retired one (culture) only when it
 * exists and has work, or was asked for — Agno 3.0 users have no such table to hear about.
 */
export function isVisited(table: TableRef, existsWithWork: boolean, explicit: boolean): boolean {
  return table.info.retired === undefined || existsWithWork || explicit;
}
