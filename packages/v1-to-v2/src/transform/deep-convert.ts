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
 */
export function convertDeep(data: unknown, ids: MediaIds): unknown {
  if (typeof data === 'string') return sanitizeString(data);
  if (Array.isArray(data)) {
    for (let i = 0; i < data.length; i++) data[i] = convertDeep(data[i], ids);
    return data;
  }
  if (!isPlainObject(data)) return data;
  const fields = convertFields(data, ids);
  if (isMetricsDict(fields)) return sanitizeDeep(convertMetrics(fields));
  for (const key of Object.keys(fields)) {
    const value = fields[key];
    const converted = key === 'metrics' && isPlainObject(value) ? sanitizeDeep(convertMetrics(value)) : convertDeep(value, ids);
    const clean = sanitizeKey(key);
    if (clean !== key) delete fields[key];
    fields[clean] = converted;
  }
  return fields;
}
