import { convertFields } from './fields.js';
import { convertMetrics, isMetricsDict } from './metrics.js';
import { isPlainObject, sanitizeDeep, sanitizeKey, sanitizeString } from './sanitize.js';
import type { MediaIds } from './stable-id.js';

/**
 * Agno's recursive v1 → v2 conversion (spec 5.5) of session_data, metadata and runs: field
 * conversion at every dict, metrics dicts converted without recursing further, a `metrics` key
 * always converted, and every string sanitised. Unlike Agno, strings inside metrics dicts and
 * keys are sanitised too, so a NUL anywhere cannot fail a PostgreSQL write. Values are converted
 * in place: the walk owns what it is given (decoded from the row being migrated), and a table of
 * millions of runs should not be copied dict by dict.
 * `sanitize: false` is for data decoded from JSON text known to hold no unsafe character (see
 * `isSafeJsonText`): none of its strings or keys can need cleaning, so the walk skips the tests.
 */
export function convertDeep(data: unknown, ids: MediaIds, sanitize = true): unknown {
  if (typeof data === 'string') return sanitize ? sanitizeString(data) : data;
  if (Array.isArray(data)) {
    for (let i = 0; i < data.length; i++) data[i] = convertDeep(data[i], ids, sanitize);
    return data;
  }
  if (!isPlainObject(data)) return data;
  const fields = convertFields(data, ids);
  if (isMetricsDict(fields)) return sanitize ? sanitizeDeep(convertMetrics(fields)) : convertMetrics(fields);
  for (const key of Object.keys(fields)) {
    const value = fields[key];
    if (key === 'metrics' && isPlainObject(value)) {
      fields[key] = sanitize ? sanitizeDeep(convertMetrics(value)) : convertMetrics(value);
    } else {
      fields[key] = convertDeep(value, ids, sanitize);
    }
    if (!sanitize) continue;
    const clean = sanitizeKey(key);
    if (clean === key) continue;
    const converted = fields[key];
    delete fields[key];
    fields[clean] = converted;
  }
  return fields;
}
