import * as crypto from 'node:crypto';

// The one-shot hash (Node 20.12+) saves a Hash object per id; older Node 20 builds the object.
const sha1: (name: string) => Buffer =
  typeof crypto.hash === 'function'
    ? (name) => crypto.hash('sha1', name, 'buffer')
    : (name) => crypto.createHash('sha1').update(name).digest();

/**
 * A UUID (version 5 layout) derived from a name: the same v1 row gives the same ids on every run,
 * where Agno's random UUID4s change each time the migration is repeated.
 */
export function stableUuid(name: string): string {
  const hash = sha1(name);
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Hands out the ids of one row's media objects, in the (deterministic) order the walk meets them. */
export class MediaIds {
  private next = 0;
  constructor(private readonly scope: string) {}

  take(): string {
    return stableUuid(`${this.scope}\u0000${this.next++}`);
  }
}
