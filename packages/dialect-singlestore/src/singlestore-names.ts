import { createHash } from 'node:crypto';

/** SingleStore documents no identifier limit; MySQL's 64 characters is assumed, as everywhere else. */
const MAX_NAME = 64;

export interface RebuildNames {
  /** The table with the new shape, filled beside the live one. */
  readonly fresh: string;
  /** The live table, renamed aside during the swap and dropped after it. */
  readonly old: string;
}

/**
 * The names a rebuild of `table` uses, the same on every run so a re-run finds what a killed one
 * left. A long table name is cut and given a hash of the whole name, so two long names never share
 * their rebuild tables.
 */
export function rebuildNames(table: string): RebuildNames {
  return { fresh: withSuffix(table, '__agno_new'), old: withSuffix(table, '__agno_old') };
}

function withSuffix(table: string, suffix: string): string {
  const chars = [...table];
  if (chars.length + suffix.length <= MAX_NAME) return `${table}${suffix}`;
  const hash = createHash('sha256').update(table).digest('hex').slice(0, 8);
  return `${chars.slice(0, MAX_NAME - suffix.length - hash.length - 1).join('')}_${hash}${suffix}`;
}
