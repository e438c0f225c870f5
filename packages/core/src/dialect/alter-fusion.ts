import type { Operation, OperationContext } from '../operations/types.js';
import type { Statement } from '../sql/statement.js';
import { sql } from '../sql/statement.js';
import type { PlannedOperation, PlannedStatements, StatementPlan } from './statement-plan.js';

/** How a dialect fuses consecutive changes of one table into combined `ALTER TABLE … , …` statements. */
export interface AlterFusionRules {
  /** The operation's clauses in a combined `ALTER TABLE`, or undefined when it runs on its own. */
  clauses(planned: PlannedOperation, index: number): readonly string[] | undefined;
  /** What the operation touches (columns, keys by name): one combined statement touches each once. */
  touches(op: Operation): readonly string[];
  /**
   * The operation's own statements may run after the combined statement of the operations around
   * it (an index built once the table is rewritten, not rebuilt by the rewrite).
   */
  runsAfter?(planned: PlannedOperation): boolean;
  /** Whether `planned` may join a group that already holds `members` (after the dialect's own checks). */
  joins?(planned: PlannedOperation, members: readonly PlannedOperation[], afterDeferred: boolean): boolean;
  /** The operation's statements when it runs on its own. */
  render(planned: PlannedOperation): readonly Statement[];
  /** The combined statement. */
  alterTable(clauses: readonly string[]): Statement;
}

/**
 * What a column or primary-key change touches, named alike on every database (`column <name>`,
 * `primary key`); undefined for the other kinds, whose names (keys, indexes) a dialect decides.
 */
export function columnTouches(op: Operation): readonly string[] | undefined {
  switch (op.kind) {
    case 'addColumn':
      return [`column ${op.column.name}`];
    case 'dropColumn':
    case 'setNotNull':
    case 'dropDefault':
      return [`column ${op.column}`];
    case 'jsonToJsonb':
      return op.columns.map((c) => `column ${c}`);
    case 'addPrimaryKey':
    case 'dropPrimaryKey':
      return ['primary key'];
    default:
      return undefined;
  }
}

/**
 * The rules every database shares: an operation on its own is the emitter's statement for it, and
 * a combined statement is `ALTER TABLE <table> <clause>, <clause>, …`.
 */
export function alterStatements(
  emitter: {
    renderOperation(op: Operation, state: PlannedOperation['state'], ctx: OperationContext): Statement[];
    qualify(table: string): string;
  },
  ctx: OperationContext,
): Pick<AlterFusionRules, 'render' | 'alterTable'> {
  const table = emitter.qualify(ctx.table);
  return {
    render: ({ op, state }) => emitter.renderOperation(op, state, ctx),
    alterTable: (clauses) => sql(`ALTER TABLE ${table} ${clauses.join(', ')}`),
  };
}

/** A combined statement: the operation it is attached to (the first it carries) and what it carries. */
export interface AlterGroup {
  readonly owner: number;
  readonly members: readonly number[];
}

export interface FusedPlan {
  readonly plan: StatementPlan;
  readonly groups: readonly AlterGroup[];
}

/**
 * Walks the operations in order, gathering each run of consecutive ALTER clauses into one
 * statement attached to the run's first operation, so running the plan operation by operation
 * runs the combined statement where the first of them stood. An operation that may run after
 * (`runsAfter`) keeps its place without ending the run; anything else ends it. A clause that
 * touches what the run already touches starts a new one: the database applies a statement's
 * clauses in its own order, not the written one.
 */
export function fuseAlters(ops: readonly PlannedOperation[], rules: AlterFusionRules): FusedPlan {
  const plan: PlannedStatements[] = [];
  const groups: AlterGroup[] = [];
  let group: { owner: number; members: number[]; clauses: string[]; touched: Set<string>; afterDeferred: boolean } | null = null;
  const close = () => {
    if (!group) return;
    // An operation alone keeps its own statement (MySQL's CREATE INDEX stays one) unless it has several to join.
    const own = group.members.length === 1 ? rules.render(ops[group.owner]!) : [];
    plan[group.owner] = { statements: own.length === 1 ? own : [rules.alterTable(group.clauses)] };
    groups.push({ owner: group.owner, members: group.members });
    group = null;
  };
  for (const [i, planned] of ops.entries()) {
    const clauses = rules.clauses(planned, i);
    if (clauses) {
      const touches = rules.touches(planned.op);
      const joins =
        group !== null &&
        touches.every((t) => !group!.touched.has(t)) &&
        (rules.joins?.(
          planned,
          group.members.map((m) => ops[m]!),
          group.afterDeferred,
        ) ??
          !group.afterDeferred);
      if (!joins) {
        close();
        group = { owner: i, members: [], clauses: [], touched: new Set(), afterDeferred: false };
      }
      const current = group!;
      current.members.push(i);
      current.clauses.push(...clauses);
      for (const t of touches) current.touched.add(t);
      plan[i] = current.owner === i ? { statements: [] } : { carriedBy: current.owner };
      continue;
    }
    if (group && rules.runsAfter?.(planned)) group.afterDeferred = true;
    else close();
    plan[i] = { statements: rules.render(planned) };
  }
  close();
  return { plan, groups };
}

/**
 * The clauses of statements that are each `ALTER TABLE <table> <clause>` without parameters (DDL
 * takes none), or undefined when any is something else: an operation's combined form is then
 * exactly what it would run on its own.
 */
export function alterClauses(statements: readonly Statement[], qualifiedTable: string): string[] | undefined {
  const prefix = `ALTER TABLE ${qualifiedTable} `;
  if (statements.length === 0) return undefined;
  const clauses: string[] = [];
  for (const s of statements) {
    if (s.params.length > 0 || !s.sql.startsWith(prefix)) return undefined;
    clauses.push(s.sql.slice(prefix.length));
  }
  return clauses;
}
