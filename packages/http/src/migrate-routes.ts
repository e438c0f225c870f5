import type { MigrationManager } from '@agno-migrate/core';
import type { DatabaseSet } from './databases.js';
import { migrateDatabase } from './migrate-database.js';
import type { DatabaseOutcome, TableSummary } from './outcome.js';
import { blockedTables, errorIdentity, fromError, fromResult, lateWarnings, summarize } from './outcome.js';
import { remoteMessage } from './databases.js';
import { detail, json, validationError } from './responses.js';
import { runnerFor } from './run-manager.js';

type Redact = (text: string) => string;

/** AgentOS's wording: the target as the caller wrote it, or "latest version". */
function versionText(target: string | undefined): string {
  return target !== undefined ? `version ${target}` : 'latest version';
}

async function migrateOne(
  databases: DatabaseSet,
  id: string,
  target: string | undefined,
  force: boolean,
): Promise<DatabaseOutcome | 'bad-target'> {
  try {
    return await databases.use(id, async (manager: MigrationManager) => {
      // A manager with its own version graph may not know the target even though Agno's graph does.
      if (target !== undefined && !knowsTarget(manager, target)) return 'bad-target' as const;
      return fromResult(await migrateDatabase(manager, target, force));
    });
  } catch (error) {
    return fromError(error);
  }
}

function knowsTarget(manager: MigrationManager, target: string): boolean {
  try {
    manager.graph.resolveTarget(target);
    return true;
  } catch {
    return false;
  }
}

/** POST /databases/{db_id}/migrate */
export async function migrateDatabaseRoute(
  databases: DatabaseSet,
  id: string,
  target: string | undefined,
  redact: Redact,
  force = false,
): Promise<Response> {
  if (!databases.has(id)) return detail(404, `No database found with id '${id}'`);
  if (databases.isRemote(id)) return detail(400, remoteMessage(id));
  const outcome = await migrateOne(databases, id, target, force);
  if (outcome === 'bad-target') {
    return validationError('query', 'target_version', `version ${target} is not known to database ${id}`, target);
  }
  const warnings = lateWarnings(outcome.result);
  const late = warnings.length > 0 ? { warnings } : {};
  if (outcome.kind === 'ok') {
    const tables = summarize(outcome.result);
    // Nothing there to migrate is not a successful migration: the answer says what was done.
    if (tables.every((t) => t.outcome === 'absent')) {
      return json(200, { message: `Nothing migrated: database ${id} has no Agno tables`, tables });
    }
    return json(200, { message: `Database migrated successfully to ${versionText(target)}`, tables, ...late });
  }
  const message = redact(`Failed to migrate database: ${outcome.message}`);
  const identity = errorIdentity(outcome);
  if (outcome.kind === 'blocked') {
    // AgentOS answers any unfinished migration with 500, and its clients know only that code for it;
    // the rows to fix ride along in the body, and a retry changes nothing until they are fixed.
    return json(500, { detail: message, ...identity, blocked: blockedTables(outcome.result), tables: summarize(outcome.result), ...late });
  }
  return json(500, { detail: message, ...identity, ...(outcome.result ? { tables: summarize(outcome.result) } : {}), ...late });
}

/** POST /databases/all/migrate: one database after another, as AgentOS does; a failure does not stop the others. */
export async function migrateAllRoute(
  databases: DatabaseSet,
  target: string | undefined,
  redact: Redact,
  force = false,
): Promise<Response> {
  // AgentOS 3.x leaves databases another AgentOS owns to that AgentOS, and names them.
  const ids = databases.localIds();
  const remote = databases.remoteIds();
  const skipped = remote.length > 0 ? { skipped: remote } : {};
  const warnings: Record<string, string[]> = {};
  const failed: Record<string, string> = {};
  const blocked: Record<string, unknown> = {};
  const tables: Record<string, unknown> = {};
  for (const id of ids) {
    const outcome = await migrateOne(databases, id, target, force);
    if (outcome === 'bad-target') {
      failed[id] = `version ${target} is not known to this database`;
      continue;
    }
    if (outcome.kind === 'blocked') blocked[id] = blockedTables(outcome.result);
    if (outcome.kind !== 'ok') failed[id] = redact(outcome.message);
    if (outcome.kind !== 'failed' || outcome.result) tables[id] = summarize(outcome.result);
    const late = lateWarnings(outcome.result);
    if (late.length > 0) warnings[id] = late;
  }
  const late = Object.keys(warnings).length > 0 ? { warnings } : {};
  const failures = Object.keys(failed).length;
  const empty = Object.values(tables).every((list) => (list as TableSummary[]).every((t) => t.outcome === 'absent'));
  if (failures === 0 && empty) {
    return json(200, {
      message: ids.length === 0 ? 'Nothing migrated: no databases are configured' : 'Nothing migrated: no database has Agno tables',
      ...skipped,
      databases: tables,
    });
  }
  if (failures === 0) {
    return json(200, { message: `All databases migrated successfully to ${versionText(target)}`, ...skipped, databases: tables, ...late });
  }
  return json(207, {
    message: `Migrated ${ids.length - failures}/${ids.length} databases to ${versionText(target)}`,
    failed,
    ...skipped,
    ...(Object.keys(blocked).length > 0 ? { blocked } : {}),
    databases: tables,
    ...late,
  });
}

/** GET /databases/{db_id}/migrations: every table's state, as `agno-migrate status --json` prints it. */
export async function statusRoute(databases: DatabaseSet, id: string, redact: Redact): Promise<Response> {
  if (!databases.has(id)) return detail(404, `No database found with id '${id}'`);
  if (databases.isRemote(id)) return detail(400, remoteMessage(id));
  try {
    const status = await databases.use(id, (manager) => runnerFor(manager).status());
    return json(200, status);
  } catch (error) {
    return detail(500, redact(`Failed to read migration status: ${error instanceof Error ? error.message : String(error)}`));
  }
}
