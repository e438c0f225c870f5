import type { RunResult, Statement } from '@agno-migrate/core';

/** Writes a statement's parameters into its text: the dialect emitter's `inlineParams`. */
export type InlineParams = (statement: Statement) => string;

/** The SQL a dry run would execute, table by table and step by step, ready to paste into psql, mysql or sqlite3. */
export function formatDryRunSql(result: RunResult, inline: InlineParams): string {
  const out: string[] = [];
  for (const t of result.tables) {
    if (t.steps.length === 0) continue;
    out.push(`-- ${t.tableName} (${t.tableType}): ${t.from} → ${t.to}`);
    for (const step of t.steps) {
      out.push(`-- step ${step.from} → ${step.to}`);
      for (const op of step.operations) {
        if (!op.needed) {
          out.push(`--   ${op.description}: already done`);
          continue;
        }
        if (op.carriedBy !== undefined) {
          const carrier = step.operations[op.carriedBy]?.description ?? 'another operation';
          out.push(`--   ${op.description}: in the statement of ${carrier}`);
          continue;
        }
        for (const s of op.statements) out.push(`${inline(s).replace(/;\s*$/, '')};`);
      }
    }
    out.push('');
  }
  return out.length === 0 ? '-- nothing to do' : out.join('\n').trimEnd();
}
