import { ConfigurationError } from '../errors.js';
import { approvalsTable } from './tables/approvals.js';
import { authTokensTable } from './tables/auth-tokens.js';
import { componentConfigsTable } from './tables/component-configs.js';
import { componentLinksTable } from './tables/component-links.js';
import { componentsTable } from './tables/components.js';
import { cultureTable } from './tables/culture.js';
import { evalsTable } from './tables/evals.js';
import { jobsTable } from './tables/jobs.js';
import { knowledgeTable } from './tables/knowledge.js';
import { learningsTable } from './tables/learnings.js';
import {
  mcpOauthClientsTable,
  mcpOauthCodesTable,
  mcpOauthKeysTable,
  mcpOauthRefreshTokensTable,
  mcpOauthTransactionsTable,
} from './tables/mcp-oauth.js';
import { memoriesTable } from './tables/memories.js';
import { metricsTable } from './tables/metrics.js';
import { runsTable } from './tables/runs.js';
import { scheduleRunsTable } from './tables/schedule-runs.js';
import { schedulesTable } from './tables/schedules.js';
import { serviceAccountsTable } from './tables/service-accounts.js';
import { sessionsTable } from './tables/sessions.js';
import { spansTable } from './tables/spans.js';
import { toolResultsTable } from './tables/tool-results.js';
import { tracesTable } from './tables/traces.js';
import { versionsTable } from './tables/versions.js';
import type { Flavor, TableDef } from './types.js';
import { FLAVORS } from './types.js';
import { AGNO_3 } from './shape-version.js';

export interface TableTypeInfo {
  readonly type: string;
  readonly defaultName: string;
  /** Whether the manager migrates it (Agno's registry); the others are created and verified only. */
  readonly migrated: boolean;
  readonly aliases: readonly string[];
  /** The flavours on which Agno creates this table (spec 4.3). */
  readonly flavors: readonly Flavor[];
  /**
   * The table type's definition on a flavour: the latest, or the one at `version` where the shape
   * Agno declares changed and a table may legitimately stay below it (a held step).
   */
  readonly define: (flavor: Flavor, version?: string) => TableDef;
  /** Set for a type Agno no longer has: an existing table is kept and shown, never created. */
  readonly retired?: string;
  /**
   * Agno has no code for this type outside `flavors` (learnings on MySQL): an existing table of it
   * there is left alone. Without it, a hand-made table is migrated as Agno would (approvals on MySQL).
   */
  readonly onlyWhereStored?: boolean;
  /** The version that introduced the type, when later than the baseline (`init --target` an older one leaves it out). */
  readonly since?: string;
  /** False where Agno takes no name for the table (always its default): a rename would create a table Agno never reads. */
  readonly renamable?: false;
}

const PG_SQLITE: readonly Flavor[] = ['postgres', 'sqlite'];
const PG_ONLY: readonly Flavor[] = ['postgres'];

/**
 * Agno 3.0's migration registry first, in its order (the manager visits migrated tables in this
 * order), then culture (retired by Agno 3.0, kept for existing tables), then the tables Agno creates
 * but never migrates, each after the tables its foreign keys reference.
 */
export const TABLE_TYPES: readonly TableTypeInfo[] = [
  {
    type: 'memories',
    defaultName: 'agno_memories',
    migrated: true,
    aliases: ['memory', 'user_memories'],
    flavors: FLAVORS,
    define: memoriesTable,
  },
  { type: 'sessions', defaultName: 'agno_sessions', migrated: true, aliases: ['session'], flavors: FLAVORS, define: sessionsTable },
  { type: 'metrics', defaultName: 'agno_metrics', migrated: true, aliases: ['metric'], flavors: FLAVORS, define: metricsTable },
  { type: 'evals', defaultName: 'agno_eval_runs', migrated: true, aliases: ['eval', 'eval_runs'], flavors: FLAVORS, define: evalsTable },
  { type: 'knowledge', defaultName: 'agno_knowledge', migrated: true, aliases: [], flavors: FLAVORS, define: knowledgeTable },
  { type: 'approvals', defaultName: 'agno_approvals', migrated: true, aliases: ['approval'], flavors: PG_SQLITE, define: approvalsTable },
  {
    type: 'components',
    defaultName: 'agno_components',
    migrated: true,
    aliases: ['component'],
    flavors: PG_SQLITE,
    define: componentsTable,
  },
  { type: 'schedules', defaultName: 'agno_schedules', migrated: true, aliases: ['schedule'], flavors: PG_SQLITE, define: schedulesTable },
  {
    type: 'schedule_runs',
    defaultName: 'agno_schedule_runs',
    migrated: true,
    aliases: ['schedule_run'],
    flavors: PG_SQLITE,
    define: scheduleRunsTable,
  },
  {
    type: 'learnings',
    defaultName: 'agno_learnings',
    migrated: true,
    aliases: ['learning'],
    flavors: PG_SQLITE,
    define: learningsTable,
    onlyWhereStored: true,
  },
  {
    type: 'culture',
    defaultName: 'agno_culture',
    migrated: true,
    aliases: ['cultural_knowledge'],
    flavors: FLAVORS,
    define: cultureTable,
    retired: 'Agno 3.0 removed culture',
  },
  { type: 'runs', defaultName: 'agno_runs', migrated: false, aliases: ['run'], flavors: FLAVORS, define: runsTable, since: AGNO_3 },
  { type: 'traces', defaultName: 'agno_traces', migrated: false, aliases: ['trace'], flavors: FLAVORS, define: tracesTable },
  { type: 'spans', defaultName: 'agno_spans', migrated: false, aliases: ['span'], flavors: FLAVORS, define: spansTable },
  {
    type: 'component_configs',
    defaultName: 'agno_component_configs',
    migrated: false,
    aliases: ['component_config'],
    flavors: PG_SQLITE,
    define: componentConfigsTable,
  },
  {
    type: 'component_links',
    defaultName: 'agno_component_links',
    migrated: false,
    aliases: ['component_link'],
    flavors: PG_SQLITE,
    define: componentLinksTable,
  },
  {
    type: 'auth_tokens',
    defaultName: 'agno_auth_tokens',
    migrated: false,
    aliases: ['auth_token'],
    flavors: PG_SQLITE,
    define: authTokensTable,
  },
  {
    type: 'service_accounts',
    defaultName: 'agno_service_accounts',
    migrated: false,
    aliases: ['service_account'],
    flavors: PG_SQLITE,
    define: serviceAccountsTable,
  },
  {
    type: 'mcp_oauth_clients',
    defaultName: 'agno_mcp_oauth_clients',
    migrated: false,
    aliases: [],
    flavors: PG_SQLITE,
    define: mcpOauthClientsTable,
  },
  {
    type: 'mcp_oauth_transactions',
    defaultName: 'agno_mcp_oauth_transactions',
    migrated: false,
    aliases: [],
    flavors: PG_SQLITE,
    define: mcpOauthTransactionsTable,
  },
  {
    type: 'mcp_oauth_codes',
    defaultName: 'agno_mcp_oauth_codes',
    migrated: false,
    aliases: [],
    flavors: PG_SQLITE,
    define: mcpOauthCodesTable,
  },
  {
    type: 'mcp_oauth_refresh_tokens',
    defaultName: 'agno_mcp_oauth_refresh_tokens',
    migrated: false,
    aliases: [],
    flavors: PG_SQLITE,
    define: mcpOauthRefreshTokensTable,
  },
  {
    type: 'mcp_oauth_keys',
    defaultName: 'agno_mcp_oauth_keys',
    migrated: false,
    aliases: [],
    flavors: PG_SQLITE,
    define: mcpOauthKeysTable,
  },
  {
    type: 'tool_results',
    defaultName: 'agno_tool_results',
    migrated: false,
    aliases: ['tool_result'],
    flavors: PG_SQLITE,
    define: toolResultsTable,
    renamable: false,
    since: AGNO_3,
  },
  { type: 'jobs', defaultName: 'agno_jobs', migrated: false, aliases: ['job'], flavors: PG_ONLY, define: jobsTable, since: AGNO_3 },
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

/** The table types the manager migrates (Agno's registry). */
export function migratedTableTypeNames(): string[] {
  return TABLE_TYPES.filter((t) => t.migrated).map((t) => t.type);
}

/** Whether Agno creates this table type on the flavour (spec 4.3). */
export function availableOn(info: TableTypeInfo, flavor: Flavor): boolean {
  return info.flavors.includes(flavor);
}

/** Resolves a table type or one of its aliases (`memory` → `memories`), or throws naming the valid ones. */
export function resolveTableType(name: string): TableTypeInfo {
  const info = byName.get(String(name).trim().toLowerCase());
  if (!info) {
    throw new ConfigurationError(`unknown table type ${JSON.stringify(name)}: use one of ${tableTypeNames().join(', ')}`, { value: name });
  }
  return info;
}
