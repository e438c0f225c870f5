import { decodeJson } from '../transform/json-value.js';
import { isPlainObject, sanitizeDeep, sanitizeString } from '../transform/sanitize.js';
import { toEpochSeconds } from '../transform/timestamps.js';
import type { MapContext, Mapped } from './types.js';
import { idText, SKIP } from './types.js';

export const MEMORY_COLUMNS = [
  'memory_id',
  'memory',
  'feedback',
  'input',
  'agent_id',
  'team_id',
  'user_id',
  'topics',
  'created_at',
  'updated_at',
] as const;

/** The keys of Agno 1.x's memory blob (MemoryRow.memory). */
const BLOB_KEYS = new Set(['memory_id', 'memory', 'topics', 'last_updated', 'input']);

const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));
const text = (value: unknown) =>
  value === undefined || value === null ? null : sanitizeString(typeof value === 'string' ? value : JSON.stringify(value));

/**
 * The v1 blob unwrapped into v2's fields when it holds nothing else: `memory` becomes the text v2
 * expects, `topics` and `input` their own columns. Agno stores the whole object in `memory`
 * (which v2 readers then have to unwrap); a blob with any other key is still stored whole.
 */
function unwrap(blob: unknown): { memory: unknown; topics: unknown; input: unknown } {
  if (isPlainObject(blob) && typeof blob['memory'] === 'string' && Object.keys(blob).every((k) => BLOB_KEYS.has(k))) {
    const topics = decodeJson(blob['topics']);
    return {
      memory: blob['memory'],
      topics: Array.isArray(topics) ? topics : null,
      input: typeof blob['input'] === 'string' ? blob['input'] : null,
    };
  }
  return { memory: blob, topics: null, input: null };
}

/** One v1 memory row (spec 5.4) → a v2 memories row, keeping the v1 id so a re-run duplicates nothing. */
export function mapMemory(row: Readonly<Record<string, unknown>>, ctx: MapContext): Mapped {
  const key = idText(row['id'] ?? row['memory_id']);
  if (key === null) return { skip: SKIP.noMemoryId, key };
  const blob = decodeJson(row['memory']);
  if (blob === null || blob === undefined || blob === '') return { skip: SKIP.emptyMemory, key };
  const parts = unwrap(blob);
  const topics = decodeJson(row['topics']) ?? parts.topics;
  const updatedAt = toEpochSeconds(row['updated_at']);
  const v2: Record<string, unknown> = {
    memory_id: key,
    memory: json(sanitizeDeep(parts.memory)),
    feedback: text(row['feedback']),
    input: text(row['input'] ?? parts.input),
    agent_id: idText(row['agent_id']),
    team_id: idText(row['team_id']),
    user_id: idText(row['user_id']),
    topics: json(sanitizeDeep(topics)),
    // Agno stamps "now"; the v1 creation time is kept instead, falling back to the update time.
    created_at: toEpochSeconds(row['created_at']) ?? updatedAt ?? ctx.nowSeconds,
    updated_at: updatedAt,
  };
  return { row: v2, key, runsDropped: 0 };
}
