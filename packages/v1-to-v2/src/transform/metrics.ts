import { isPlainObject } from './sanitize.js';

const INDICATORS = new Set([
  'input_tokens',
  'output_tokens',
  'total_tokens',
  'time',
  'duration',
  'audio_tokens',
  'audio_total_tokens',
  'audio_input_tokens',
  'audio_output_tokens',
  'cached_tokens',
  'cache_read_tokens',
  'cache_write_tokens',
  'reasoning_tokens',
  'prompt_tokens',
  'completion_tokens',
  'time_to_first_token',
  'provider_metrics',
  'additional_metrics',
]);

/** v1-only keys: one of them is enough to call a dict metrics. */
const V1_ONLY = ['time', 'audio_tokens', 'cached_tokens', 'prompt_tokens', 'completion_tokens'];

const RENAMES: readonly (readonly [string, string])[] = [
  ['time', 'duration'],
  ['audio_tokens', 'audio_total_tokens'],
  ['input_audio_tokens', 'audio_input_tokens'],
  ['output_audio_tokens', 'audio_output_tokens'],
  ['cached_tokens', 'cache_read_tokens'],
];

const REMOVED = ['prompt_tokens', 'completion_tokens', 'prompt_tokens_details', 'completion_tokens_details'];

const V1_ONLY_KEYS = new Set(V1_ONLY);

/** Agno's test: any v1-only key, or at least two metrics keys (one pass: both answer true). */
export function isMetricsDict(data: Record<string, unknown>): boolean {
  let matches = 0;
  for (const key in data) {
    if (V1_ONLY_KEYS.has(key)) return true;
    if (INDICATORS.has(key) && ++matches >= 2) return true;
  }
  return false;
}

const RENAMED = new Set(RENAMES.map(([from]) => from));
const DROPPED = new Set(REMOVED);

/** Every key that makes a dict metrics or that the conversion renames. */
export const METRICS_KEYS: readonly string[] = [...new Set([...INDICATORS, ...RENAMED])];

/**
 * v1 metrics → v2 names; a renamed key replaces a v2 key of the same name, as in Agno. Built as
 * a new object: deleting keys would turn V8's fast objects into slow dictionaries.
 */
export function convertMetrics(metrics: unknown): unknown {
  if (!isPlainObject(metrics)) return metrics;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(metrics)) if (!RENAMED.has(key) && !DROPPED.has(key)) out[key] = metrics[key];
  for (const [from, to] of RENAMES) if (from in metrics) out[to] = metrics[from];
  return out;
}
