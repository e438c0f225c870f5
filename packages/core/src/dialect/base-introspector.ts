import type { LogicalType } from '../catalog/types.js';
import type { TypeRules } from '../verify/type-match.js';
import { STRICT_TYPE_RULES, typeMatchesUnder } from '../verify/type-match.js';
import type { Db } from './db.js';
import type { Introspector } from './dialect.js';
import type { ColumnState, TableState } from './table-state.js';

/** Defaults for every introspector: types compared strictly unless the dialect says how its database stores them. */
export abstract class BaseIntrospector implements Introspector {
  abstract introspect(table: string): Db<TableState | null>;
  abstract existingTables(tables: readonly string[]): Db<Set<string>>;

  /** How this database stores the catalog's types; a dialect states what it tolerates. */
  protected readonly typeRules: TypeRules = STRICT_TYPE_RULES;

  typeMatches(expected: LogicalType, live: ColumnState): boolean {
    return typeMatchesUnder(this.typeRules, expected, live);
  }
}
