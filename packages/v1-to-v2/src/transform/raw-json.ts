import { METRICS_KEYS } from './metrics.js';

/**
 * Keys the conversion acts on (spec 5.5). JSON text mentioning none of them converts to itself.
 * The metrics names cover the v1-only keys, the two-of rule and the renamed keys.
 */
const CONVERTED_KEYS = [
  'extra_data',
  'thinking',
  'reasoning_content',
  'images',
  'videos',
  'audio',
  'response_audio',
  'team_session_id',
  'formatted_tool_calls',
  'event',
  'events',
  'metrics',
  ...METRICS_KEYS,
];
const CONVERTED_KEY = new RegExp(`"(?:${CONVERTED_KEYS.join('|')})"`);

/**
 * Escapes of characters the sanitiser removes (`\b` and `\f` are two of them), or such characters
 * written raw (never valid JSON).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const UNSAFE_TEXT = /\\(?:[bf]|u(?:00[01][0-9a-fA-F]|[fF]{3}[eEfF]|[dD][89a-fA-F][0-9a-fA-F]{2}))|[\x00-\x1f\ufffe\uffff\ud800-\udfff]/;

/**
 * The JSON text of a column as it can be written unchanged, or undefined when it must be parsed:
 * the fast path for drivers that return JSON as text (SQLite). The text must hold an object or a
 * list, have nothing the sanitiser would remove and, when `converted`, no key the conversion acts
 * on — a cheap, conservative test that only ever sends more rows down the full path. `safe` is
 * `isSafeJsonText(value)` when the caller has it already (the text is scanned once).
 */
export function unchangedJsonText(value: unknown, converted: boolean, safe?: boolean): string | undefined {
  if (typeof value !== 'string') return undefined;
  const first = value[0];
  if (first !== '{' && first !== '[') return undefined;
  if (!(safe ?? isSafeJsonText(value))) return undefined;
  if (converted && CONVERTED_KEY.test(value)) return undefined;
  return value;
}

/**
 * Whether a column's JSON text holds no character the sanitiser removes, raw or escaped, so that
 * nothing decoded from it (strings, keys, text encoded twice) needs sanitising. Conservative: any
 * escaped or raw surrogate, and raw whitespace controls, answer false and take the full path.
 */
export function isSafeJsonText(value: unknown): boolean {
  return typeof value === 'string' && !UNSAFE_TEXT.test(value);
}
