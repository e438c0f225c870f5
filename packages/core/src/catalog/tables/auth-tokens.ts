import { columnBuilders, NOT_NULL, NOT_NULL_INDEXED } from '../columns.js';
import { defineTable } from '../define-table.js';
import type { Flavor, TableDef } from '../types.js';

export function authTokensTable(flavor: Flavor): TableDef {
  const c = columnBuilders(flavor);
  return defineTable(
    'auth_tokens',
    ['id'],
    [
      c.varchar('id', NOT_NULL),
      c.varchar('provider', NOT_NULL_INDEXED),
      // An empty string in single-user mode, never NULL.
      c.varchar('user_id', NOT_NULL_INDEXED),
      c.varchar('service', NOT_NULL_INDEXED),
      c.json('token_data', NOT_NULL),
      c.json('granted_scopes'),
      c.bigint('created_at', NOT_NULL_INDEXED),
      c.bigint('updated_at'),
    ],
    { uniqueConstraints: [{ suffix: 'uq_auth_token_provider_user_service', columns: ['provider', 'user_id', 'service'] }] },
  );
}
