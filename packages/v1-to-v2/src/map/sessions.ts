import { convertDeep } from '../transform/deep-convert.js';
import { decodeJson } from '../transform/json-value.js';
import { keepSessionRuns, keepWorkflowRuns, runsFromMemory } from '../transform/runs.js';
import { isSafeJsonText, unchangedJsonText } from '../transform/raw-json.js';
import { isPlainObject, sanitizeDeep, sanitizeString } from '../transform/sanitize.js';
import { MediaIds } from '../transform/stable-id.js';
import { toEpochSeconds } from '../transform/timestamps.js';
import type { MapContext, Mapped } from './types.js';
import { idText, SKIP } from './types.js';

export type SessionKind = 'agent' | 'team' | 'workflow';

/** The v2 sessions columns, in the order they are written. */
export const SESSION_COLUMNS = [
  'session_id',
  'session_type',
  'agent_id',
  'team_id',
  'workflow_id',
  'user_id',
  'session_data',
  'agent_data',
  'team_data',
  'workflow_data',
  'metadata',
  'runs',
  'summary',
  'created_at',
  'updated_at',
] as const;

const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));

/** A component's own data (agent_data, team_data, workflow_data): decoded and sanitised, not converted. */
function componentData(value: unknown): unknown {
  return sanitizeDeep(decodeJson(value));
}

/** Converts a decoded column; `sanitize` is false when its text was safe (`isSafeJsonText`). */
type Convert = (decoded: unknown, sanitize: boolean) => unknown;

/** A JSON column written as its v1 text when nothing in it would change, else converted (or only sanitised). */
function jsonColumn(value: unknown, convert: Convert | null): string | null {
  // Scanned once: the answer serves the fast path and, failing that, the conversion.
  const safe = isSafeJsonText(value);
  return (
    unchangedJsonText(value, convert !== null, safe) ?? json(convert ? convert(decodeJson(value), !safe) : sanitizeDeep(decodeJson(value)))
  );
}

function runsOf(row: Readonly<Record<string, unknown>>, kind: SessionKind, ids: MediaIds): { runs: unknown[] | null; dropped: number } {
  const text = kind === 'workflow' ? row['runs'] : row['memory'];
  const raw = kind === 'workflow' ? decodeJson(text) : runsFromMemory(text);
  if (!Array.isArray(raw)) return { runs: null, dropped: 0 };
  const converted = convertDeep(raw, ids, !isSafeJsonText(text)) as unknown[];
  const { kept, dropped } = kind === 'workflow' ? keepWorkflowRuns(converted) : keepSessionRuns(converted);
  return { runs: kept.length === 0 ? null : kept, dropped };
}

/**
 * workflow_v2's `workflow_name` has no v2 column (Agno drops it); it is kept as `name` in
 * workflow_data, where v2 workflows keep their name, unless workflow_data already has one.
 */
function workflowData(row: Readonly<Record<string, unknown>>): string | null {
  const name = row['workflow_name'];
  if (name === undefined || name === null || name === '') return jsonColumn(row['workflow_data'], null);
  return json(namedWorkflowData(componentData(row['workflow_data']), name));
}

function namedWorkflowData(data: unknown, name: unknown): unknown {
  if (data === null || data === undefined) return { name: sanitizeString(String(name)) };
  if (isPlainObject(data) && !('name' in data)) return { ...data, name: sanitizeString(String(name)) };
  return data;
}

/** One v1 session row (spec 5.4) → a v2 sessions row. */
export function mapSession(row: Readonly<Record<string, unknown>>, kind: SessionKind, ctx: MapContext): Mapped {
  const key = idText(row['session_id']);
  if (key === null) return { skip: SKIP.noSessionId, key };
  const ids = new MediaIds(`${ctx.scope}\u0000${key}`);
  const { runs, dropped } = runsOf(row, kind, ids);
  const convert: Convert = (decoded, sanitize) => convertDeep(decoded, ids, sanitize);
  const userId = idText(row['user_id']);
  const updatedAt = toEpochSeconds(row['updated_at']);
  const v2: Record<string, unknown> = {
    session_id: key,
    session_type: kind,
    agent_id: kind === 'agent' ? idText(row['agent_id']) : null,
    team_id: kind === 'team' ? idText(row['team_id']) : null,
    workflow_id: kind === 'workflow' ? idText(row['workflow_id']) : null,
    user_id: userId,
    session_data: jsonColumn(row['session_data'], convert),
    agent_data: kind === 'agent' ? jsonColumn(row['agent_data'], null) : null,
    team_data: kind === 'team' ? jsonColumn(row['team_data'], null) : null,
    workflow_data: kind === 'workflow' ? workflowData(row) : null,
    metadata: jsonColumn(row['extra_data'], convert),
    runs: json(runs),
    summary: null,
    // v2 requires created_at; a v1 row without one gets its update time, else the run's start.
    created_at: toEpochSeconds(row['created_at']) ?? updatedAt ?? ctx.nowSeconds,
    updated_at: updatedAt,
  };
  return { row: v2, key, owner: userId, runsDropped: dropped };
}
