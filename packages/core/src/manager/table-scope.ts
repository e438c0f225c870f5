import { availableOn, resolveTableType, TABLE_TYPES } from '../catalog/registry.js';
import type { Flavor } from '../catalog/types.js';
import { ConfigurationError } from '../errors.js';
import type { RunContext, TableRef } from './run-context.js';

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
 * Which tables status and verify show: the migrated ones always (an absent one is worth saying),
 * the others when they exist or were asked for (Agno creates them on first use).
 */
export function isShown(table: TableRef, exists: boolean, explicit: boolean, _flavor: Flavor): boolean {
  return (table.info.migrated && table.info.retired === undefined) || exists || explicit;
}

/**
 * Which tables up and down report: every migrated type, but a retired one (culture) only when it
 * exists and has work, or was asked for — Agno 3.0 users have no such table to hear about.
 */
export function isVisited(table: TableRef, existsWithWork: boolean, explicit: boolean, _flavor: Flavor): boolean {
  return table.info.retired === undefined || existsWithWork || explicit;
}

/** A migrated type Agno never stores on this database (approvals, learnings on MySQL): said the same way by up and down. */
export function notOnDialectReason(ctx: RunContext, table: TableRef): string | undefined {
  if (availableOn(table.info, ctx.dialect.flavor)) return undefined;
  return `Agno does not store ${table.info.type} tables on ${ctx.dialect.name}: nothing to migrate`;
}

/** Said for a table stamped by a newer Agno (or agno-migrate): it is left exactly as it is. */
export function newerReason(ctx: RunContext, table: TableRef, recorded: string): string {
  return `${table.name} is stamped ${recorded}, newer than this tool knows (${ctx.graph.latest}): left untouched; upgrade agno-migrate to migrate it`;
}

/** `init --table-type` on a dialect where Agno never creates that table is a mistake, said before any work. */
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
 * The tables `init` creates, in an order where every table comes after the tables its foreign keys
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
