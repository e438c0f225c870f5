import { columnBuilders, NOT_NULL, NOT_NULL_INDEXED } from '../columns.js';
import { defineTable } from '../define-table.js';
import type { Flavor, TableDef } from '../types.js';

/** The MCP OAuth store: the same definition on PostgreSQL and SQLite, TEXT on both. */
export function mcpOauthClientsTable(flavor: Flavor): TableDef {
  const c = columnBuilders(flavor);
  return defineTable(
    'mcp_oauth_clients',
    ['client_id'],
    [
      c.varchar('client_id', NOT_NULL),
      c.text('client_metadata', NOT_NULL),
      c.bigint('created_at', NOT_NULL_INDEXED),
      c.bigint('consumed_at'),
    ],
  );
}

export function mcpOauthTransactionsTable(flavor: Flavor): TableDef {
  const c = columnBuilders(flavor);
  return defineTable(
    'mcp_oauth_transactions',
    ['txn_id'],
    [c.varchar('txn_id', NOT_NULL), c.varchar('client_id', NOT_NULL), c.text('params', NOT_NULL), c.bigint('expires_at', NOT_NULL_INDEXED)],
  );
}

export function mcpOauthCodesTable(flavor: Flavor): TableDef {
  const c = columnBuilders(flavor);
  return defineTable(
    'mcp_oauth_codes',
    ['code_hash'],
    [c.varchar('code_hash', NOT_NULL), c.text('payload', NOT_NULL), c.bigint('expires_at', NOT_NULL_INDEXED)],
  );
}

export function mcpOauthRefreshTokensTable(flavor: Flavor): TableDef {
  const c = columnBuilders(flavor);
  return defineTable(
    'mcp_oauth_refresh_tokens',
    ['token_hash'],
    [
      c.varchar('token_hash', NOT_NULL),
      c.varchar('client_id', NOT_NULL),
      c.text('scopes', NOT_NULL),
      c.bigint('expires_at', NOT_NULL_INDEXED),
      c.varchar('family_id', NOT_NULL_INDEXED),
    ],
  );
}

export function mcpOauthKeysTable(flavor: Flavor): TableDef {
  const c = columnBuilders(flavor);
  return defineTable(
    'mcp_oauth_keys',
    ['kid'],
    [c.varchar('kid', NOT_NULL), c.text('secret', NOT_NULL), c.bigint('created_at', NOT_NULL_INDEXED)],
  );
}
