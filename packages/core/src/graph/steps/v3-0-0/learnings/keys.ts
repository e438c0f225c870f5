import type * as Crypto from 'node:crypto';
import { createRequire } from 'node:module';

// node:crypto (a dozen modules and a native binding) loads on the first digest, not with core:
// only a learnings re-key needs it, and every run, a no-op above all, would pay for it.
let nodeCrypto: typeof Crypto | undefined;

/**
 * Entity-memory keys as Agno 3.0 writes them (`agno/learn/utils.py`). Before 3.0 an entity of
 * namespace "user" was keyed without its user, so two users naming the same entity shared a row;
 * 3.0 puts a fixed-width digest of the owner in the key.
 */
export const ENTITY_LEARNING_TYPE = 'entity_memory';
export const USER_NAMESPACE = 'user';
/** A namespace no store reads: rows holding two users' data are moved here, not deleted. */
export const QUARANTINE_NAMESPACE = 'quarantined_user';
const DEFAULT_NAMESPACE = 'global';

/** The first 16 hex digits of SHA-256 over the UTF-8 user id: a key segment no separator can shift. */
export function userKeyDigest(userId: string): string {
  nodeCrypto ??= createRequire(import.meta.url)('node:crypto') as typeof Crypto;
  return nodeCrypto.createHash('sha256').update(userId, 'utf8').digest('hex').slice(0, 16);
}

/** The key shape from before 3.0 (and still every namespace's but "user"). */
export function legacyEntityId(entityId: string, entityType: string, namespace: string | null = USER_NAMESPACE): string {
  return `entity_${namespace || DEFAULT_NAMESPACE}_${entityType}_${entityId}`;
}

/** Agno 3.0's key of a "user"-namespace entity: it names its owner through the digest. */
export function userEntityId(entityId: string, entityType: string, userId: string): string {
  return `entity_user_${userKeyDigest(userId)}_${entityType}_${entityId}`;
}

export function quarantineId(entityId: string, entityType: string): string {
  return legacyEntityId(entityId, entityType, QUARANTINE_NAMESPACE);
}

/**
 * Python's `str()` of a JSON value, as Agno compares a content's recorded user with the owner
 * column. Objects and lists have no text that a user id column could hold, so they get none.
 */
export function pythonText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  return null;
}

/** Agno's `same_user`: ids compare by their text; a missing id matches nothing, not even another. */
export function sameUser(left: unknown, right: unknown): boolean {
  if (left === null || left === undefined || right === null || right === undefined) return false;
  const a = pythonText(left);
  const b = pythonText(right);
  return a !== null && a === b;
}
