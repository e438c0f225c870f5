import type { Db } from '@agno-migrate/core/dialect';
import { query } from '@agno-migrate/core/dialect';
import { rebuildNames } from './singlestore-names.js';

export interface RecoverySql {
  quoteIdent(name: string): string;
  qualify(table: string): string;
}

/**
 * Finishes the rebuilds of `tables` that a killed run left half-swapped (singlestore-rebuild.ts),
 * before anything looks at those tables. Runs under the migration lease only: a run in progress
 * elsewhere would otherwise be undone under its feet.
 *
 *   table missing, old and new present → the copy was complete: new becomes the table, old goes;
 *   table missing, only old present    → old becomes the table again;
 *   table present, old present         → the swap was done: old is a spare copy;
 *   table present, new present         → the copy was never swapped in: it is spare.
 *
 * Returns the statements it ran.
 */
export function* recoverInterruptedRebuilds(r: RecoverySql, schema: string, tables: readonly string[]): Db<string[]> {
  if (tables.length === 0) return [];
  const candidates = tables.flatMap((t) => [t, rebuildNames(t).fresh, rebuildNames(t).old]);
  const result = yield* query(
    `SELECT TABLE_NAME AS table_name FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME IN (${candidates.map(() => '?').join(', ')})`,
    [schema, ...candidates],
  );
  const present = new Set(result.rows.map((row) => String(row['table_name'])));
  const ran: string[] = [];
  const run = function* (statement: string): Db<void> {
    yield* query(statement);
    ran.push(statement);
  };
  for (const table of tables) {
    const { fresh, old } = rebuildNames(table);
    const [hasTable, hasFresh, hasOld] = [present.has(table), present.has(fresh), present.has(old)];
    if (!hasTable && hasOld && hasFresh) {
      yield* run(`ALTER TABLE ${r.qualify(fresh)} RENAME TO ${r.qualify(table)}`);
      yield* run(`DROP TABLE ${r.qualify(old)}`);
    } else if (!hasTable && hasOld) {
      yield* run(`ALTER TABLE ${r.qualify(old)} RENAME TO ${r.qualify(table)}`);
    } else if (hasTable) {
      if (hasOld) yield* run(`DROP TABLE ${r.qualify(old)}`);
      if (hasFresh) yield* run(`DROP TABLE ${r.qualify(fresh)}`);
    }
  }
  return ran;
}
