import { createHash, timingSafeEqual } from 'node:crypto';
import { detail } from './responses.js';

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
