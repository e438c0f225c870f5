import type { JsonObject } from './json.js';
import { isJsonObject } from './json.js';

const COLLECTIONS = ['facts', 'events', 'relationships'] as const;
type Collection = (typeof COLLECTIONS)[number];

/** Agno's fact text fold (`_normalize_fact_text`): trimmed, case-folded, whitespace runs as one space. */
export function normalizeFactText(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** Python's `str()` of a collection entry that is not an object (a bare string in every shape the store writes). */
function entryText(entry: unknown): string {
  if (typeof entry === 'string') return entry;
  if (entry === null || entry === undefined) return 'None';
  if (typeof entry === 'boolean') return entry ? 'True' : 'False';
  return typeof entry === 'number' ? String(entry) : JSON.stringify(entry);
}

/**
 * The identity the entity store treats an entry by, as JSON text so that Python's comparisons
 * carry over: a string key equals a string key, a tuple (array) never equals a string.
 */
export function entryKey(field: Collection, entry: unknown): string {
  if (!isJsonObject(entry)) return JSON.stringify(normalizeFactText(entryText(entry)));
  if (field === 'facts') {
    const content = entry['content'];
    return JSON.stringify(truthy(content) ? normalizeFactText(entryText(content)) : (entry['id'] ?? null));
  }
  if (field === 'events') return JSON.stringify([entry['content'] ?? null, entry['date'] ?? null]);
  return JSON.stringify([entry['entity_id'] ?? null, entry['entity_type'] ?? null, entry['relation'] ?? null, entry['direction'] ?? null]);
}

export class UnmergeableError extends Error {}

function collection(content: JsonObject, field: Collection): unknown[] {
  const entries = content[field];
  if (entries === null || entries === undefined) return [];
  if (!Array.isArray(entries)) throw new UnmergeableError(`${field} is not a list`);
  return [...entries];
}

/** Python truthiness of a JSON value, which decides whether a field counts as filled. */
function truthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (isJsonObject(value)) return Object.keys(value).length > 0;
  return true;
}

function objectOr(value: unknown): JsonObject {
  return isJsonObject(value) ? value : {};
}

function listOr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/**
 * Folds a pre-3.0 row's content into the row already holding its per-user key (Agno's
 * `_merge_into_target`). The target was written by the upgraded application, so it wins every
 * scalar; the source fills gaps. Collections keep the store's "later is newer" order: the source's
 * new entries go before the target's. Throws UnmergeableError when a collection is not a list.
 */
export function mergeIntoTarget(source: JsonObject, target: JsonObject): JsonObject {
  const merged: JsonObject = { ...source, ...target };
  for (const field of COLLECTIONS) {
    const targetEntries = collection(target, field);
    const seen = new Set(targetEntries.map((e) => entryKey(field, e)));
    const carried = collection(source, field).filter((e) => !seen.has(entryKey(field, e)));
    merged[field] = [...carried, ...targetEntries];
  }
  if (!truthy(merged['description']) && truthy(source['description'])) merged['description'] = source['description'];
  merged['properties'] = { ...objectOr(source['properties']), ...objectOr(target['properties']) };

  const fold = (name: unknown) => entryText(name).trim().toLowerCase();
  const names = new Set([target['name'], ...listOr(target['aliases'])].filter(truthy).map(fold));
  const aliases = [...listOr(target['aliases'])];
  for (const candidate of [source['name'], ...listOr(source['aliases'])]) {
    if (truthy(candidate) && !names.has(fold(candidate))) {
      aliases.push(entryText(candidate));
      names.add(fold(candidate));
    }
  }
  merged['aliases'] = aliases;
  return merged;
}
