import { SCHEDULE_PROVENANCE_COLUMNS } from '../catalog/tables/schedules.js';
import type { Flavor, LogicalType } from '../catalog/types.js';

/**
 * Differences between a table Agno created fresh and the same table after Agno's own migrations
 * (spec sections 3 and 4.5). Verify accepts both shapes. The general rules live in `type-match.ts`
 * (unbounded VARCHAR vs TEXT, wider MySQL types) and `compare.ts` (index names, a unique constraint
 * duplicating the primary key, server defaults never compared).
 */
export interface KnownDifference {
  readonly tableType: string;
  readonly column: string;
  /** Flavours it applies to; all when absent. */
  readonly flavors?: readonly Flavor[];
  /** A type accepted besides the catalog's. */
  readonly alsoType?: LogicalType['kind'] | 'json-plain';
  /** NULL accepted although the catalog says NOT NULL. */
  readonly alsoNullable?: boolean;
  /** A column the catalog does not have, accepted when present (a migrated table keeps it). */
  readonly allowedExtra?: boolean;
  readonly why: string;
}

export const KNOWN_DIFFERENCES: readonly KnownDifference[] = [
  {
    tableType: 'approvals',
    column: 'run_status',
    alsoType: 'text',
    why: "Agno's 2.5.6 migration adds run_status as TEXT; a fresh table declares VARCHAR",
  },
  {
    tableType: 'culture',
    column: 'content',
    flavors: ['postgres'],
    alsoType: 'json-plain',
    why: "Agno's 2.3.0 migration converts only culture.metadata to JSONB and leaves content JSON",
  },
  {
    tableType: 'memories',
    column: 'created_at',
    flavors: ['singlestore'],
    alsoNullable: true,
    why: "Agno's SingleStore 2.3.0 migration never sets created_at NOT NULL",
  },
  {
    tableType: 'sessions',
    column: 'runs',
    allowedExtra: true,
    why: "Agno's 3.0.0 migration copies sessions.runs into the runs table and keeps the column (dropping it is a separate, manual cleanup); a fresh 3.0 table has none",
  },
  ...SCHEDULE_PROVENANCE_COLUMNS.map(
    (column): KnownDifference => ({
      tableType: 'schedules',
      column,
      flavors: ['sqlite'],
      alsoType: 'text',
      why: "Agno's SQLite 3.0.0 migration adds the provenance columns as TEXT; a fresh table declares VARCHAR",
    }),
  ),
];

export function knownDifference(tableType: string, column: string, flavor: Flavor): KnownDifference | undefined {
  return KNOWN_DIFFERENCES.find(
    (k) => k.tableType === tableType && k.column === column && (k.flavors === undefined || k.flavors.includes(flavor)),
  );
}
