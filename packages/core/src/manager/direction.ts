import type { Step } from '../graph/types.js';
import type { Direction, Plan, VersionGraph } from '../graph/version-graph.js';
import { compareVersions } from '../versions.js';

/** What differs between `up` and `down`: the rest of the run is the same code for both. */
export interface DirectionRules {
  plan(graph: VersionGraph, from: string, target: string, force: boolean, tableType: string): Plan;
  /** The version recorded once `step` has run on a table recorded at `recorded`. */
  stampAfter(step: Step, recorded: string): string;
  /** Said of a table that does not exist. */
  absentReason(tableName: string): string;
}

export const DIRECTIONS: Readonly<Record<Direction, DirectionRules>> = {
  up: {
    plan: (graph, from, target, force, tableType) => graph.planUp(from, target, force, tableType),
    // An `up` never lowers a stamp: a forced re-run of an old step keeps the newer version.
    stampAfter: (step, recorded) => (compareVersions(step.to, recorded) > 0 ? step.to : recorded),
    absentReason: (tableName) => `table ${tableName} does not exist: not migrated and not stamped`,
  },
  down: {
    plan: (graph, from, target, force, tableType) => graph.planDown(from, target, force, tableType),
    // A `down` never raises a stamp: a forced revert of a step above the recorded version keeps it.
    stampAfter: (step, recorded) => (compareVersions(step.from, recorded) < 0 ? step.from : recorded),
    absentReason: (tableName) => `table ${tableName} does not exist: nothing to revert`,
  },
};
