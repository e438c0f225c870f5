import { VersionError } from './errors.js';

/** A parsed schema version: the release components of a PEP 440 version, as Agno compares them. */
export interface SchemaVersion {
  readonly parts: readonly number[];
  /** Canonical `X.Y.Z` form, the form Agno writes into `agno_schema_versions`. */
  readonly text: string;
}

/** At most three numeric parts, as Agno's versions have: `2`, `2.5`, `2.5.6`, each with an optional `v`. */
const VERSION_PATTERN = /^v?(\d+(?:\.\d+){0,2})$/i;

export function parseVersion(input: string): SchemaVersion {
  const trimmed = typeof input === 'string' ? input.trim() : '';
  const match = VERSION_PATTERN.exec(trimmed);
  if (!match?.[1]) {
    throw new VersionError(`invalid version ${JSON.stringify(input)}: expected X.Y.Z, for example 2.5.6`, { value: input });
  }
  const parts = match[1].split('.').map(Number);
  while (parts.length < 3) parts.push(0);
  return { parts, text: parts.join('.') };
}

export function compareVersions(a: SchemaVersion | string, b: SchemaVersion | string): number {
  const pa = typeof a === 'string' ? parseVersion(a).parts : a.parts;
  const pb = typeof b === 'string' ? parseVersion(b).parts : b.parts;
  const length = Math.max(pa.length, pb.length);
  for (let i = 0; i < length; i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff < 0 ? -1 : 1;
  }
  return 0;
}
