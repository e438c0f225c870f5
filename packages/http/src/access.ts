import type { AccessRule } from './auth.js';
import type { JwtOptions } from './jwt.js';
import { JwtVerifier, jwtOptionsFromEnvironment } from './jwt.js';
import { MIGRATE_SCOPE, READ_SCOPE } from './scopes.js';

/** The scope AgentOS asks of each route: migrating writes configuration, the rest reads it. */
export function scopeOf(route: string): string {
  return route === 'migrate' || route === 'migrate-all' ? MIGRATE_SCOPE : READ_SCOPE;
}

/** Built once per handler: keys are imported and the JWKS parsed before the first request. */
export function accessRule(securityKey: string | undefined, jwt: JwtOptions | false | undefined): AccessRule {
  const options = jwt === false ? undefined : (jwt ?? jwtOptionsFromEnvironment(typeof process !== 'undefined' ? process.env : {}));
  return { securityKey, jwt: options ? new JwtVerifier(options) : undefined };
}
