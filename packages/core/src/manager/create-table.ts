import type { Db } from '../dialect/db.js';
import { execute, executeAll } from './execute.js';
import type { TableResult } from './results.js';
import type { Run } from './run-command.js';
import type { RunContext, TableRef } from './run-context.js';
import { inStepTransaction } from './step-transaction.js';
import { ensureVersionsTable, namespaceStatements, stamp } from './versions-store.js';

/** Creates one missing table at the latest schema (or `version`'s) exactly as Agno would on this dialect, and stamps it. */
export function* createTable(ctx: RunContext, run: Run, table: TableRef, version: string = ctx.graph.latest): Db<TableResult> {
  const base = { tableType: table.info.type, tableName: table.name, from: version, to: version, steps: [] };
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
  if (run.dryRun) {
    for (const statement of statements) yield* execute(ctx, table.name, statement, true);
  } else {
    yield* ensureVersionsTable(ctx, run.versions);
    // The table and its stamp commit together where DDL is transactional.
    yield* inStepTransaction(ctx, table.name, function* () {
      yield* executeAll(ctx, table.name, statements);
      yield* stamp(ctx, table.name, version);
    });
  }
  return {
    ...base,
    from: ctx.graph.baseline,
    outcome: 'created',
    steps: [{ from: ctx.graph.baseline, to: version, direction: 'up', operations }],
  };
}
