import { convertMedia } from './media.js';
import { truthy } from './json-value.js';
import { isPlainObject } from './sanitize.js';
import type { MediaIds } from './stable-id.js';

/** Keys of a v1 `extra_data` dict that v2 keeps at the top level, and their v2 names. */
const EXTRA_DATA_LIFTS: readonly (readonly [string, string])[] = [
  ['add_messages', 'additional_input'],
  ['references', 'references'],
  ['reasoning_steps', 'reasoning_steps'],
  ['reasoning_content', 'reasoning_content'],
  ['reasoning_messages', 'reasoning_messages'],
];

const MEDIA_KEYS = ['images', 'videos', 'audio', 'response_audio'];

/** v1 keys with no place in v2. */
const REMOVED_KEYS = ['extra_data', 'team_session_id', 'formatted_tool_calls', 'event', 'events'];

function text(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Whether the dict has a key the field conversion acts on: most (messages, tool calls) have none. */
const TOUCHING = new Set(['thinking', ...MEDIA_KEYS, ...REMOVED_KEYS]);

function touched(data: Record<string, unknown>): boolean {
  for (const key in data) if (TOUCHING.has(key)) return true;
  return false;
}

const DROPPED = new Set(['thinking', ...REMOVED_KEYS]);

/**
 * The per-dict field conversion of Agno's script, applied at every level of the walk. A dict it
 * does not touch is returned as is; one it does becomes a new object (deleting keys would turn
 * V8's fast objects into slow dictionaries).
 */
export function convertFields(data: Record<string, unknown>, ids: MediaIds): Record<string, unknown> {
  if (!touched(data)) return data;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(data)) if (!DROPPED.has(key)) out[key] = data[key];
  const extra = data['extra_data'];
  if (isPlainObject(extra) && truthy(extra)) {
    for (const [from, to] of EXTRA_DATA_LIFTS) if (from in extra) out[to] = extra[from];
  }

  const thinking = data['thinking'];
  const reasoning = out['reasoning_content'];
  if (truthy(thinking) && truthy(reasoning)) out['reasoning_content'] = `${text(thinking)}\n${text(reasoning)}`;
  else if (truthy(thinking)) out['reasoning_content'] = thinking;

  for (const key of MEDIA_KEYS) {
    const media = out[key];
    if (!truthy(media)) continue;
    if (Array.isArray(media)) out[key] = media.map((item) => (isPlainObject(item) ? convertMedia(item, ids) : item));
    else if (isPlainObject(media)) out[key] = convertMedia(media, ids);
  }
  return out;
}
