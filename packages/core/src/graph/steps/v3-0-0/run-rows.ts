import type { RunRow } from '../../../dialect/runs-sql.js';

/** Why an element of a legacy blob gives no runs-table row (counted, never silent). */
export type SkipReason = 'not_object' | 'no_run_id' | 'not_list' | 'unparsable';

export interface BuiltRuns {
  readonly rows: RunRow[];
  readonly skipped: Partial<Record<SkipReason, number>>;
  /** The blob was JSON text inside JSON (decoded a second time, as Agno does). */
  readonly decodedTwice: boolean;
}

/**
 * Agno's `_build_run_rows` for one session row, used for the blobs a database cannot expand itself:
 * bytes are decoded, text is parsed and parsed again when it is still text; each element that is
 * an object with a non-null run_id becomes a row at its position in the list (skips leave gaps).
 */
export function buildRunRows(blob: unknown, sessionId: string, userId: string | null, now: number): BuiltRuns {
  const skipped: Partial<Record<SkipReason, number>> = {};
  const skip = (reason: SkipReason) => {
    skipped[reason] = (skipped[reason] ?? 0) + 1;
  };
  let value: unknown = Buffer.isBuffer(blob) || blob instanceof Uint8Array ? Buffer.from(blob).toString('utf8') : blob;
  let decodedTwice = false;
  for (let pass = 0; pass < 2 && typeof value === 'string'; pass++) {
    try {
      value = JSON.parse(value);
    } catch {
      skip('unparsable');
      return { rows: [], skipped, decodedTwice };
    }
    if (pass === 1) decodedTwice = true;
  }
  // JSON null holds no runs; anything else that is not a list is counted (Agno yields nothing or fails).
  if (value === null) return { rows: [], skipped, decodedTwice };
  if (!Array.isArray(value)) {
    skip('not_list');
    return { rows: [], skipped, decodedTwice };
  }
  const rows: RunRow[] = [];
  for (const [index, run] of (value as unknown[]).entries()) {
    if (run === null || typeof run !== 'object' || Array.isArray(run)) {
      skip('not_object');
      continue;
    }
    const r = run as Record<string, unknown>;
    if (r['run_id'] === undefined || r['run_id'] === null) {
      skip('no_run_id');
      continue;
    }
    const createdAt = r['created_at'];
    rows.push({
      run_id: String(r['run_id']),
      session_id: sessionId,
      run_type: truthy(r['agent_id']) ? 'agent' : truthy(r['team_id']) ? 'team' : 'workflow',
      agent_id: text(r['agent_id']),
      team_id: text(r['team_id']),
      workflow_id: text(r['workflow_id']),
      user_id: userId,
      parent_run_id: text(r['parent_run_id']),
      status: text(r['status']),
      run_index: index,
      run_data: JSON.stringify(run),
      created_at: typeof createdAt === 'number' && createdAt !== 0 ? Math.round(createdAt) : now,
      updated_at: now,
    });
  }
  return { rows, skipped, decodedTwice };
}

/** Python's truthiness of a decoded JSON value. */
export function truthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

function text(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}
