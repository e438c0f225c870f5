import { compareVersions } from '../versions.js';

/** The Agno release whose fresh tables the catalog's latest definitions describe. */
export const AGNO_3 = '3.0.0';

/**
 * Whether a definition asked for at `version` has the shape introduced in `since`: no version means
 * the latest. A table held below a step is verified against the shape it has there.
 */
export function hasShapeOf(version: string | undefined, since: string): boolean {
  return version === undefined || compareVersions(version, since) >= 0;
}
