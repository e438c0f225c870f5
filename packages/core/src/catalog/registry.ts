import { ConfigurationError } from '../errors.js';
import { approvalsTable } from './tables/approvals.js';
import { cultureTable } from './tables/culture.js';
import { evalsTable } from './tables/evals.js';
import { knowledgeTable } from './tables/knowledge.js';
import { memoriesTable } from './tables/memories.js';
import { metricsTable } from './tables/metrics.js';
import { sessionsTable } from './tables/sessions.js';
import { versionsTable } from './tables/versions.js';
import type { Flavor, TableDef } from './types.js';
import { FLAVORS } from './types.js';

export interface TableTypeInfo {
  readonly type: string;
  readonly defaultName: string;
  /** Whether the manager migrates it (Agno's registry); the others are created and verified only. */
  readonly migrated: boolean;
  readonly aliases: readonly string[];
  /** The flavours on which Agno creates this table (spec 4.3). */
  readonly flavors: readonly Flavor[];
  readonly define: (flavor: Flavor) => TableDef;
}

const PG_SQLITE: readonly Flavor[] = ['postgres', 'sqlite'];

/** In Agno's registry order: the manager visits tables in this order. */
export const TABLE_TYPES: readonly TableTypeInfo[] = [
  { type: 'memories', defaultName: 'agno_memories', migrated: true, aliases: ['memory', 'user_memories'], flavors: FLAVORS, define: memoriesTable },
  { type: 'sessions', defaultName: 'agno_sessions', migrated: true, aliases: ['session'], flavors: FLAVORS, define: sessionsTable },
  { type: 'metrics', defaultName: 'agno_metrics', migrated: true, aliases: ['metric'], flavors: FLAVORS, define: metricsTable },
  { type: 'evals', defaultName: 'agno_eval_runs', migrated: true, aliases: ['eval', 'eval_runs'], flavors: FLAVORS, define: evalsTable },
  { type: 'knowledge', defaultName: 'agno_knowledge', migrated: true, aliases: [], flavors: FLAVORS, define: knowledgeTable },
  { type: 'culture', defaultName: 'agno_culture', migrated: true, aliases: ['cultural_knowledge'], flavors: FLAVORS, define: cultureTable },
  { type: 'approvals', defaultName: 'agno_approvals', migrated: true, aliases: ['approval'], flavors: PG_SQLITE, define: approvalsTable },
];

export const VERSIONS_TABLE: TableTypeInfo = {
  type: 'versions',
  defaultName: 'agno_schema_versions',
  migrated: false,
  aliases: [],
  flavors: FLAVORS,
  define: versionsTable,
};

const byName = new Map<string, TableTypeInfo>();
for (const info of TABLE_TYPES) {
  byName.set(info.type, info);
  for (const alias of info.aliases) byName.set(alias, info);
}

export function tableTypeNames(): string[] {
  return TABLE_TYPES.map((t) => t.type);
}

/** Resolves a table type or one of its aliases (`memory` → `memories`), or throws naming the valid ones. */
export function resolveTableType(name: string): TableTypeInfo {
  const info = byName.get(String(name).trim().toLowerCase());
  if (!info) {
    throw new ConfigurationError(
      `unknown table type ${JSON.stringify(name)}: use one of ${tableTypeNames().join(', ')}`,
      { value: name },
    );
  }
  return info;
}
