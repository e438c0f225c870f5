import { GraphError, VersionError } from '../errors.js';
import { compareVersions, parseVersion } from '../versions.js';
import { v2_3_0 } from './steps/v2-3-0.js';
import { v2_5_0 } from './steps/v2-5-0.js';
import { v2_5_6 } from './steps/v2-5-6.js';
import { v3_0_0 } from './steps/v3-0-0/index.js';
import type { Step } from './types.js';

export type Direction = 'up' | 'down';

export interface Plan {
  readonly direction: Direction;
  /** Steps in the order to run them (descending for `down`). */
  readonly steps: readonly Step[];
  /** The version to stamp once every step has run. */
  readonly target: string;
  /** Set when the table type cannot pass a step on the way up: the plan stops below it. */
  readonly held?: Hold;
}

/** Where a table type stops on the way up, and why. */
export interface Hold {
  /** The highest version the table type can reach. */
  readonly at: string;
  readonly reason: string;
}

/**
 * The schema versions as a linear graph: nodes are versions, each edge a step. Adding Agno's next
 * version is adding a step here, not changing the manager.
 */
export class VersionGraph {
  readonly nodes: readonly string[];
  readonly steps: readonly Step[];

  constructor(baseline: string, steps: readonly Step[], knownTableTypes?: readonly string[]) {
    const nodes = [parseVersion(baseline).text];
    for (const step of steps) {
      const from = parseVersion(step.from).text;
      const to = parseVersion(step.to).text;
      if (from !== nodes[nodes.length - 1]) {
        throw new GraphError(`step ${step.from} → ${step.to} does not start where the previous step ends (${nodes.at(-1)})`);
      }
      if (compareVersions(to, from) <= 0) throw new GraphError(`step ${step.from} → ${step.to} does not go forward`);
      for (const type of Object.keys(step.tables)) {
        if (knownTableTypes && !knownTableTypes.includes(type)) {
          throw new GraphError(`step ${step.to} names unknown table type ${type}`);
        }
      }
      nodes.push(to);
    }
    this.nodes = nodes;
    this.steps = steps;
  }

  get baseline(): string {
    return this.nodes[0]!;
  }

  get latest(): string {
    return this.nodes[this.nodes.length - 1]!;
  }

  /** The highest node ≤ `version`, as Agno stamps a target that falls between versions. */
  resolveTarget(version: string): string {
    const parsed = parseVersion(version);
    if (compareVersions(parsed, this.baseline) < 0 || compareVersions(parsed, this.latest) > 0) {
      throw new VersionError(`version ${parsed.text} is outside the known range ${this.baseline} … ${this.latest}`, { value: version });
    }
    return [...this.nodes].reverse().find((node) => compareVersions(node, parsed) <= 0)!;
  }

  /**
   * Normalises a recorded version; garbage is reported, never guessed. A version newer than the
   * latest is kept as written: a newer Agno shares the database, and such a table is left alone.
   */
  resolveRecorded(version: string | null | undefined): string {
    if (version === null || version === undefined || version === '') return this.baseline;
    const parsed = parseVersion(version);
    if (compareVersions(parsed, this.latest) > 0) return parsed.text;
    return this.resolveTarget(parsed.text);
  }

  /** Whether a (resolved) recorded version is beyond what this graph knows. */
  isNewer(version: string): boolean {
    return compareVersions(version, this.latest) > 0;
  }

  /** The first step on the way up from `current` that `tableType` cannot pass, if any. */
  holdFor(tableType: string | undefined, current: string): Hold | undefined {
    if (tableType === undefined) return undefined;
    const step = this.steps.find((s) => s.holds?.[tableType] !== undefined && compareVersions(s.to, current) > 0);
    return step ? { at: step.from, reason: step.holds![tableType]! } : undefined;
  }

  /** With a table type, the plan stops below the first step that type cannot pass. */
  planUp(current: string, target: string, force = false, tableType?: string): Plan {
    if (this.isNewer(current)) return { direction: 'up', steps: [], target };
    const hold = this.holdFor(tableType, current);
    const ceiling = hold && compareVersions(hold.at, target) < 0 ? hold.at : target;
    const steps = this.steps.filter((s) => compareVersions(s.to, ceiling) <= 0 && (force || compareVersions(s.to, current) > 0));
    return { direction: 'up', steps, target: ceiling, ...(ceiling !== target ? { held: hold } : {}) };
  }

  /** With a table type, the plan stops above the first step that type cannot pass: it is never reverted half. */
  planDown(current: string, target: string, force = false, tableType?: string): Plan {
    if (this.isNewer(current)) return { direction: 'down', steps: [], target };
    const steps = this.steps.filter((s) => compareVersions(s.to, target) > 0 && (force || compareVersions(s.to, current) <= 0)).reverse();
    const blocking = tableType === undefined ? -1 : steps.findIndex((s) => s.holds?.[tableType] !== undefined);
    if (blocking < 0) return { direction: 'down', steps, target };
    const step = steps[blocking]!;
    return { direction: 'down', steps: steps.slice(0, blocking), target: step.to, held: { at: step.to, reason: step.holds![tableType!]! } };
  }
}

export const AGNO_STEPS: readonly Step[] = [v2_3_0, v2_5_0, v2_5_6, v3_0_0];
