import { AGNO_STEPS, tableTypeNames, VersionGraph } from '@agno-migrate/core';

export const AGNO_GRAPH = new VersionGraph('2.0.0', AGNO_STEPS, tableTypeNames());

/**
 * The version `up` takes a table of this type to from `from`: the target (latest by default), or
 * the version it is held at (Agno 3.0 retired culture at 2.5.6). Tests say this instead of a
 * literal, so they state the rule rather than today's ceiling.
 */
export function reachedVersion(tableType: string, target: string = AGNO_GRAPH.latest, from: string = AGNO_GRAPH.baseline): string {
  return AGNO_GRAPH.planUp(from, target, false, tableType).target;
}
