/**
 * AgentOS's scope rule (`os/scopes.py`): `resource:action`, `resource:<id>:action` or the admin
 * scope; the legacy resource `system` is an alias of `config`.
 */
const LEGACY_ALIASES: Readonly<Record<string, string>> = { system: 'config' };

export const MIGRATE_SCOPE = 'config:write';
export const READ_SCOPE = 'config:read';

export function grants(userScopes: readonly string[], required: string, adminScope: string): boolean {
  const [resource, action] = required.split(':');
  return userScopes.some((scope) => {
    if (scope === adminScope) return true;
    const parts = scope.split(':');
    const alias = (r: string) => LEGACY_ALIASES[r] ?? r;
    if (parts.length === 2) return alias(parts[0]!) === resource && parts[1] === action;
    // A per-resource scope covers a global requirement only through the wildcard id.
    if (parts.length === 3) return alias(parts[0]!) === resource && parts[1] === '*' && parts[2] === action;
    return false;
  });
}

/** AgentOS's 403 detail. */
export function insufficientDetail(required: string): string {
  return `Insufficient permissions. Required scope(s): ${required}`;
}
