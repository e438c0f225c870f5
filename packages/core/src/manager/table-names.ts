import { generatedNames } from '../catalog/indexes.js';
import { resolveTableType, TABLE_TYPES, VERSIONS_TABLE } from '../catalog/registry.js';
import type { Dialect } from '../dialect/dialect.js';
import type { VersionGraph } from '../graph/version-graph.js';
import { AGNO_STEPS } from '../graph/version-graph.js';
import { ConfigurationError } from '../errors.js';
import type { Operation } from '../operations/types.js';
import type { TableRef } from './run-context.js';

/**
 * Table names by type: Agno's defaults, with the user's renames applied and checked. The runs
 * table follows a renamed sessions table as Agno names it (`<sessions>_runs`), unless it is
 * renamed itself.
 */
export function resolveTableNames(renames: Readonly<Record<string, string | undefined>> = {}): Record<string, string> {
  const names: Record<string, string> = {};
  for (const info of TABLE_TYPES) names[info.type] = info.defaultName;
  const renamed = new Set<string>();
  for (const [type, name] of Object.entries(renames)) {
    if (name === undefined) continue;
    const info = resolveTableType(type);
    names[info.type] = checkName(name, `table name for ${info.type}`);
    if (info.renamable === false && name !== info.defaultName) {
      throw new ConfigurationError(`Agno always names the ${info.type} table ${info.defaultName}: it cannot be renamed`, { value: name });
    }
    renamed.add(info.type);
  }
  if (!renamed.has('runs')) names.runs = defaultRunsName(names.sessions!);
  const seen = new Map<string, string>();
  for (const [type, name] of Object.entries(names)) {
    const other = seen.get(name);
    if (other) throw new ConfigurationError(`tables ${other} and ${type} are both named ${JSON.stringify(name)}`);
    seen.set(name, type);
  }
  return names;
}

/** Agno's `runs_table_name` when none is given: `agno_runs`, or `<sessions>_runs` beside a renamed sessions table. */
export function defaultRunsName(sessionsName: string): string {
  return sessionsName === 'agno_sessions' ? 'agno_runs' : `${sessionsName}_runs`;
}

export function checkName(name: unknown, what: string): string {
  if (typeof name !== 'string' || name.trim() === '') {
    throw new ConfigurationError(`${what} must be a non-empty string`, { value: name });
  }
  if (name.includes('\0')) throw new ConfigurationError(`${what} contains a NUL character`, { value: name });
  return name;
}

/**
 * The longest identifier Agno's own names make on any flavour, at any step of Agno's graph (a test
 * computes it): a table under its default name needs no check on a database allowing that much.
 */
export const DEFAULT_NAMES_MAX_BYTES = 60;

/**
 * Refuses, before any DDL, a name the database would reject or silently truncate (PostgreSQL cuts
 * identifiers at 63 bytes, so two long index names could collide).
 */
export function checkIdentifierLengths(
  dialect: Dialect,
  graph: VersionGraph,
  tables: readonly TableRef[],
  versionsTable: string,
  /** up/down: a name a step checks itself blocks only its table. create makes it outright, so it is refused here. */
  leaveToSteps = true,
): void {
  const limit = dialect.capabilities.maxIdentifierBytes;
  // A server error about the schema would come only after the lock and the first queries.
  const schema = dialect.namespace;
  if (schema !== undefined && Buffer.byteLength(schema, 'utf8') > limit) {
    throw new ConfigurationError(
      `schema ${JSON.stringify(schema)} is ${Buffer.byteLength(schema, 'utf8')} bytes; ${dialect.name} allows ${limit}: choose a shorter --schema`,
      { value: schema },
    );
  }
  // Agno's names are known to fit: every run (a no-op included) would otherwise plan every step of every table.
  const known = graph.steps === AGNO_STEPS && limit >= DEFAULT_NAMES_MAX_BYTES;
  const unknown = known ? tables.filter((t) => t.name !== t.info.defaultName) : tables;
  const versions = known && versionsTable === VERSIONS_TABLE.defaultName ? undefined : versionsTable;
  // A step that checks a name itself reports that one table as blocked and lets the others migrate.
  for (const name of identifierCandidates(dialect, graph, unknown, versions, leaveToSteps)) {
    const bytes = Buffer.byteLength(name, 'utf8');
    if (bytes > limit) {
      throw new ConfigurationError(
        `identifier ${JSON.stringify(name)} is ${bytes} bytes; ${dialect.name} allows ${limit}: choose a shorter table name`,
        { value: name },
      );
    }
  }
}

/** Every identifier the tables (and the versions table, when given) may need, but those a step checks itself. */
export function identifierCandidates(
  dialect: Pick<Dialect, 'flavor' | 'capabilities'>,
  graph: VersionGraph,
  tables: readonly TableRef[],
  versionsTable: string | undefined,
  leaveToSteps: boolean,
): string[] {
  const candidates: string[] =
    versionsTable === undefined ? [] : [versionsTable, ...generatedNames(VERSIONS_TABLE.define(dialect.flavor), versionsTable)];
  const guarded = new Set<string>();
  for (const t of tables) {
    candidates.push(t.name, ...generatedNames(t.info.define(dialect.flavor), t.name));
    const fromSteps = opsOfSteps(graph, t, dialect);
    candidates.push(...fromSteps.flatMap((op) => ('name' in op && op.kind !== 'requireNameFits' ? [op.name] : [])));
    if (leaveToSteps) for (const op of fromSteps) if (op.kind === 'requireNameFits') guarded.add(op.name);
  }
  return candidates.filter((n) => !guarded.has(n));
}

function opsOfSteps(graph: VersionGraph, table: TableRef, dialect: Pick<Dialect, 'flavor' | 'capabilities'>): Operation[] {
  const latest = table.info.define(dialect.flavor);
  const ctx = { table: table.name, names: {}, latest, flavor: dialect.flavor, capabilities: dialect.capabilities, now: 0 };
  const ops: Operation[] = [];
  for (const step of graph.steps) {
    const tableStep = step.tables[table.info.type];
    if (tableStep) ops.push(...tableStep.up(ctx), ...tableStep.down(ctx));
  }
  return ops;
}
