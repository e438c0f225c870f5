import { VersionError } from '../errors.js';
import type { VersionGraph } from '../graph/version-graph.js';
import type { TableRef } from './run-context.js';
import type { VersionRows } from './versions-store.js';

/**
 * Each table's recorded version (no row = the baseline, as in Agno). A row holding garbage stops
 * the command before any work, naming the row and the way out.
 */
export function recordedVersions(
  graph: VersionGraph,
  tables: readonly TableRef[],
  rows: VersionRows,
  versionsTable: string,
): Map<string, string> {
  const current = new Map<string, string>();
  for (const t of tables) {
    const raw = rows.rows.get(t.name);
    try {
      // No row means the baseline; a row without a version is garbage, as it is to Agno.
      if (raw !== undefined && raw.trim() === '') throw new Error('no version in a row that exists');
      current.set(t.name, graph.resolveRecorded(raw));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new VersionError(
        `${versionsTable} row for ${t.name} holds ${JSON.stringify(raw)} (${reason}); correct it, or delete the row to start from ${graph.baseline}`,
        { table: t.name, value: raw },
      );
    }
  }
  return current;
}
