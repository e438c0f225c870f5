import { createHash, timingSafeEqual } from 'node:crypto';
import { detail } from './responses.js';
import type { JwtVerifier } from './jwt.js';
import { grants, insufficientDetail } from './scopes.js';

/**
 * AgentOS's OS_SECURITY_KEY rule: with a key configured, `Authorization: Bearer <key>` is required.
 * A header that is not a bearer credential counts as missing, as FastAPI's HTTPBearer reads it.
 * Returns the 401 to send, or null when the request may proceed.
 */
export function checkBearer(request: Request, securityKey: string | undefined): Response | null {
  if (!securityKey) return null;
  const token = bearerToken(request.headers.get('authorization'));
  const challenge = { 'www-authenticate': 'Bearer' };
  if (token === null) return detail(401, 'Authorization header required', challenge);
  if (!sameSecret(token, securityKey)) return detail(401, 'Invalid authentication token', challenge);
  return null;
}

function bearerToken(header: string | null): string | null {
  if (!header) return null;
  const space = header.indexOf(' ');
  if (space <= 0) return null;
  const scheme = header.slice(0, space);
  const credentials = header.slice(space + 1);
  if (credentials === '' || scheme.toLowerCase() !== 'bearer') return null;
  return credentials;
}

/** Digests have equal lengths whatever the inputs, so the comparison time says nothing about the key. */
function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}

/** Who may call: AgentOS's OS_SECURITY_KEY, its JWT authorization, both, or neither (open). */
export interface AccessRule {
  readonly securityKey: string | undefined;
  readonly jwt: JwtVerifier | undefined;
}

/**
 * AgentOS 3.x's rule. Without JWT settings: the bearer key, as before. With them: a token signed
 * by a configured key whose scopes grant the route (`config:write` to migrate, `config:read` to
 * read; `system:*` still counts; the admin scope grants all) — or the security key itself, so a
 * deploy step holding the key keeps working. 401 for a missing or bad token, 403 for a missing scope.
 */
export async function authorize(request: Request, rule: AccessRule, requiredScope: string): Promise<Response | null> {
  if (!rule.jwt) return checkBearer(request, rule.securityKey);
  const token = headerToken(request.headers.get('authorization'));
  if (token === null) return detail(401, 'Authorization header missing');
  if (rule.securityKey && sameSecret(token, rule.securityKey)) return null;
  const checked = await rule.jwt.verify(token);
  if (!checked.ok) return detail(401, checked.detail);
  if (!grants(checked.scopes, requiredScope, rule.jwt.adminScope)) return detail(403, insufficientDetail(requiredScope));
  return null;
}

/** AgentOS's JWT middleware takes `Bearer <token>` or the bare token. */
function headerToken(header: string | null): string | null {
  if (!header) return null;
  const token = header.toLowerCase().startsWith('bearer ') ? header.slice(7).trim() : header.trim();
  return token === '' ? null : token;
}
