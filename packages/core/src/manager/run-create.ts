import type { Db } from '../dialect/db.js';
import type { TableResult } from './results.js';
import type { RunContext, TableRef } from './run-context.js';
import { execute, executeAll, rollbackQuietly } from './execute.js';
import { ensureVersionsTable, namespaceStatements, stamp } from './versions-store.js';

/** Creates one missing table at the latest schema (or `version`'s) exactly as Agno would on this dialect, and stamps it. */
export function* createTable(
  ctx: RunContext,
  table: TableRef,
  versions: { exists: boolean },
  dryRun: boolean,
  version: string = ctx.graph.latest,
): Db<TableResult> {
  const latest = version;
  const base = { tableType: table.info.type, tableName: table.name, from: latest, to: latest, steps: [] };
  if (!table.info.flavors.includes(ctx.dialect.flavor)) {
    return {
      ...base,
      from: ctx.graph.baseline,
      to: ctx.graph.baseline,
      outcome: 'not-on-dialect',
      reason: `Agno does not create ${table.info.type} tables on ${ctx.dialect.name}`,
    };
  }
  const statements = [
    ...(yield* namespaceStatements(ctx)),
    ...ctx.dialect.emitter.createTable(table.info.define(ctx.dialect.flavor, version), table.name, ctx.names),
  ];
  const operations = [{ description: `create table ${table.name}`, needed: true, statements }];
  if (dryRun) {
    for (const statement of statements) yield* execute(ctx, table.name, statement, true);
  } else {
    yield* ensureVersionsTable(ctx, versions);
    const transaction = ctx.dialect.emitter.stepTransaction();
    if (transaction) yield* executeAll(ctx, table.name, transaction.begin);
    try {
      yield* executeAll(ctx, table.name, statements);
      yield* stamp(ctx, table.name, latest);
      if (transaction) yield* executeAll(ctx, table.name, transaction.commit);
    } catch (error) {
      if (transaction) yield* rollbackQuietly(ctx, table.name, transaction.rollback);
      throw error;
    }
  }
  return {
    ...base,
    from: ctx.graph.baseline,
    outcome: 'created',
    steps: [{ from: ctx.graph.baseline, to: latest, direction: 'up', operations }],
  };
}
