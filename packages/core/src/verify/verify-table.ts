import type { TableTypeInfo } from '../catalog/registry.js';
import type { Dialect } from '../dialect/dialect.js';
import type { TableState } from '../dialect/table-state.js';
import type { Hold, VersionGraph } from '../graph/version-graph.js';
import type { TableDef } from '../catalog/types.js';
import { compareVersions } from '../versions.js';
import { compareTable, differenceKey } from './compare.js';
import { toFinding } from './fixes.js';
import { simulateSteps } from './simulate.js';
import type { TableVerification } from './types.js';

export interface VerifyTableInput {
  readonly dialect: Dialect;
  readonly graph: VersionGraph;
  readonly info: TableTypeInfo;
  readonly table: string;
  /** The live table, or null when it does not exist. */
  readonly state: TableState | null;
  readonly recorded: string | null;
  /** The recorded version, resolved (no row = the baseline). */
  readonly current: string;
  /** Every table's name by type, to follow foreign keys to renamed tables. */
  readonly names?: Readonly<Record<string, string>>;
}

/**
 * The expected shape at the recorded version is defined through the version graph: a table is as
 * expected when running the steps above its version would turn it into the latest shape. So the
 * live table goes through those steps (simulated, deciding each operation as a real run would) and
 * is compared with the catalog. A difference that re-applying the steps at or below the recorded
 * version would repair means the versions row claims a step that never ran here.
 */
export function verifyTable(input: VerifyTableInput): TableVerification {
  const { dialect, graph, info, table, state, current } = input;
  const plan = graph.planUp(current, graph.latest, false, info.type);
  const pending = plan.steps;
  const base = {
    tableType: info.type,
    tableName: table,
    recorded: input.recorded,
    current,
    pending: pending.map((s) => s.to),
  };
  if (!state) return { ...base, exists: false, health: 'absent', missingSteps: [], findings: [] };
  if (graph.isNewer(current)) return { ...base, exists: true, health: 'newer', missingSteps: [], findings: [] };

  const def = expectedShape(input, plan.held);
  const differences = compareTable(def, table, simulateSteps(dialect, info, table, state, pending, input.names), dialect, input.names);
  const repairedBy = differences.length > 0 ? stepsRepairing(input, differences.map(differenceKey)) : new Map<string, string>();
  const ctx = { dialect, tableType: info.type, table, state, recorded: current };
  const findings = differences.map((d) => toFinding(ctx, d, repairedBy.get(differenceKey(d))));
  const missingSteps = [...new Set(findings.flatMap((f) => (f.fix.kind === 'force-up' ? [f.fix.step] : [])))];
  return { ...base, exists: true, health: findings.length > 0 ? 'drift' : 'ok', missingSteps, findings };
}

/**
 * The shape to compare with: the catalog's latest, or, for a table held below a step, the shape
 * at its ceiling (the table type's definition at that version, when the catalog keeps one).
 */
function expectedShape(input: VerifyTableInput, held: Hold | undefined): TableDef {
  return input.info.define(input.dialect.flavor, held?.at);
}

/** For each difference, the first step at or below the recorded version whose forced re-run repairs it. */
function stepsRepairing(input: VerifyTableInput, keys: readonly string[]): Map<string, string> {
  const { dialect, graph, info, table, state, current } = input;
  const repaired = new Map<string, string>();
  let simulated = state!;
  for (const step of graph.planUp(graph.baseline, current, true).steps) {
    if (compareVersions(step.to, current) > 0 || !step.tables[info.type]) continue;
    simulated = simulateSteps(dialect, info, table, simulated, [step], input.names);
    const plan = graph.planUp(current, graph.latest, false, info.type);
    const after = simulateSteps(dialect, info, table, simulated, plan.steps, input.names);
    const remaining = new Set(compareTable(expectedShape(input, plan.held), table, after, dialect, input.names).map(differenceKey));
    for (const key of keys) if (!repaired.has(key) && !remaining.has(key)) repaired.set(key, step.to);
  }
  return repaired;
}
