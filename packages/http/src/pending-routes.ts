import type { StatusResult } from '@agno-migrate/core';
import type { DatabaseSet } from './databases.js';
import { detail, json } from './responses.js';
import { runnerFor } from './run-manager.js';

type Redact = (text: string) => string;

interface PendingReport {
  readonly db_id: string;
  readonly remote: boolean;
  readonly pending: { table_type: string; table_name: string; current_version: string; target_version: string }[];
  /** Tables that stay below the latest version (culture at 2.5.6), with why. */
  readonly held?: { table_type: string; table_name: string; current_version: string; reason: string }[];
  /** Tables stamped by a newer Agno: left untouched. */
  readonly newer?: { table_type: string; table_name: string; current_version: string }[];
  /** Data a step still has to change (entity memories under pre-3.0 keys). */
  readonly notices?: { table_type: string; table_name: string; notice: string }[];
  readonly error?: string;
}

/**
 * Newer AgentOS releases list what `migrate` would do, read-only, in snake_case. A table that does
 * not exist is left out: it would not be migrated. The target is where the table will end up: the
 * requested version, or below it where the table is held.
 */
function pendingOf(id: string, status: StatusResult): PendingReport {
  const pending = status.tables
    .filter((t) => t.exists && t.pending.length > 0)
    .map((t) => ({ table_type: t.tableType, table_name: t.tableName, current_version: t.current, target_version: t.pending.at(-1)! }));
  const held = status.tables
    .filter((t) => t.exists && t.held && t.pending.length === 0 && t.current === t.held.at)
    .map((t) => ({ table_type: t.tableType, table_name: t.tableName, current_version: t.current, reason: t.held!.reason }));
  const newer = status.tables
    .filter((t) => t.exists && t.health === 'newer')
    .map((t) => ({ table_type: t.tableType, table_name: t.tableName, current_version: t.current }));
  const notices = status.tables.flatMap((t) =>
    (t.notices ?? []).map((notice) => ({ table_type: t.tableType, table_name: t.tableName, notice })),
  );
  return {
    db_id: id,
    remote: false,
    pending,
    ...(held.length > 0 ? { held } : {}),
    ...(newer.length > 0 ? { newer } : {}),
    ...(notices.length > 0 ? { notices } : {}),
  };
}

async function reportFor(databases: DatabaseSet, id: string): Promise<PendingReport> {
  // Another AgentOS owns a remote database's schema: nothing is pending here.
  if (databases.isRemote(id)) return { db_id: id, remote: true, pending: [] };
  return pendingOf(id, await databases.use(id, (manager) => runnerFor(manager).status()));
}

/** GET /databases/{db_id}/migrations/pending */
export async function pendingRoute(databases: DatabaseSet, id: string, redact: Redact): Promise<Response> {
  if (!databases.has(id)) return detail(404, `No database found with id '${id}'`);
  try {
    return json(200, await reportFor(databases, id));
  } catch (error) {
    return detail(500, redact(`Failed to check pending migrations: ${error instanceof Error ? error.message : String(error)}`));
  }
}

/** GET /databases/migrations/pending: a database that cannot be read is reported with its error, not dropped. */
export async function pendingAllRoute(databases: DatabaseSet, redact: Redact): Promise<Response> {
  const reports: PendingReport[] = [];
  for (const id of databases.ids()) {
    try {
      reports.push(await reportFor(databases, id));
    } catch (error) {
      reports.push({ db_id: id, remote: false, pending: [], error: redact(error instanceof Error ? error.message : String(error)) });
    }
  }
  const total = reports.reduce((sum, r) => sum + r.pending.length, 0);
  return json(200, { total_pending: total, databases: reports });
}
