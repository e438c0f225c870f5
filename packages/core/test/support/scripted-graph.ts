import type { ColumnDef, Step } from '../../src/index.js';
import {
  addColumn,
  dropColumn,
  MigrationManager,
  requireNoNulls,
  resolveTableType,
  tableTypeNames,
  VersionGraph,
} from '../../src/index.js';
import type { ScriptedDialectOptions } from './scripted-database.js';
import { ScriptedDatabase, scriptedDialect } from './scripted-database.js';

const text = (name: string): ColumnDef => ({ name, type: { kind: 'text' }, nullable: true });

/**
 * Two small steps on memories, so each test reads as the statements it expects: 2.1.0 adds `a`;
 * 2.2.0 checks `user_id` for NULLs, then adds `b`. Culture cannot pass 2.2.0, as Agno 3.0 retired it.
 */
export const STEPS: readonly Step[] = [
  {
    from: '2.0.0',
    to: '2.1.0',
    tables: { memories: { up: () => [addColumn(text('a'))], down: () => [dropColumn('a')] } },
  },
  {
    from: '2.1.0',
    to: '2.2.0',
    tables: { memories: { up: () => [requireNoNulls('user_id'), addColumn(text('b'))], down: () => [dropColumn('b')] } },
    holds: { culture: 'culture stops at 2.1.0' },
  },
];

export const graph = new VersionGraph('2.0.0', STEPS, tableTypeNames());

export const MEMORIES = resolveTableType('memories').defaultName;
export const CULTURE = resolveTableType('culture').defaultName;

/** A manager over a fresh scripted database, with the clock pinned. */
export function scripted(options: ScriptedDialectOptions = {}): { db: ScriptedDatabase; manager: MigrationManager } {
  const db = new ScriptedDatabase();
  const manager = new MigrationManager(scriptedDialect(db, options), { graph, now: () => new Date(2026, 0, 2, 3, 4, 5) });
  return { db, manager };
}
