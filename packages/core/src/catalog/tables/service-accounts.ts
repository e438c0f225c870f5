import { columnBuilders, NOT_NULL, NOT_NULL_INDEXED } from '../columns.js';
import { defineTable } from '../define-table.js';
import type { Flavor, TableDef } from '../types.js';

/** A name is unique among the accounts not revoked: a partial unique index. */
export function serviceAccountsTable(flavor: Flavor): TableDef {
  const c = columnBuilders(flavor);
  return defineTable(
    'service_accounts',
    ['id'],
    [
      c.varchar('id', NOT_NULL),
      c.varchar('name', NOT_NULL),
      c.varchar('user_id'),
      c.varchar('token_hash', { nullable: false, index: true, unique: true }),
      c.varchar('token_prefix', NOT_NULL),
      c.json('scopes', NOT_NULL),
      c.bigint('created_at', NOT_NULL_INDEXED),
      c.bigint('expires_at'),
      c.bigint('last_used_at'),
      c.bigint('revoked_at'),
      c.varchar('created_by'),
    ],
    { partialUniqueIndexes: [{ suffix: 'uq_active_name', columns: ['name'], where: 'revoked_at IS NULL' }] },
  );
}
