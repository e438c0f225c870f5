import { resolveTableType } from '@agno-migrate/core';

export interface DialectNames {
  /** The dialect's flavour: postgres, sqlite, mysql or singlestore. */
  readonly flavor: string;
}

const PRODUCT: Record<string, string> = { postgres: 'PostgreSQL', sqlite: 'SQLite', mysql: 'MySQL', singlestore: 'SingleStore' };

/**
 * The one sentence status, up and init show for a table type Agno never creates on this database
 * (approvals on MySQL): without it, status listed pending steps, up suggested init, and init
 * said it would not.
 */
export function notOnDialect(tableType: string, target: DialectNames): string | undefined {
  let flavors: readonly string[];
  try {
    flavors = resolveTableType(tableType).flavors;
  } catch {
    return undefined;
  }
  if (flavors.includes(target.flavor)) return undefined;
  const where = flavors.map((f) => PRODUCT[f] ?? f).join(' and ');
  return `Agno does not create ${tableType} tables on ${PRODUCT[target.flavor] ?? target.flavor}, only on ${where}; nothing to migrate`;
}
