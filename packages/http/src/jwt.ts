import { readFileSync } from 'node:fs';
import type { KeyObject } from 'node:crypto';
import type { JWTPayload } from 'jose';
import { createLocalJWKSet, decodeProtectedHeader, errors, importJWK, importSPKI, importX509, jwtVerify } from 'jose';
import type { JSONWebKeySet } from 'jose';
import { ConfigurationError } from '@agno-migrate/core';

/**
 * AgentOS's JWT settings (`AuthorizationConfig` and the `JWT_*` environment variables of its
 * middleware): tokens signed by the deployment's identity provider are accepted here too.
 */
export interface JwtOptions {
  /** PEM public keys (RSA, EC, EdDSA), certificates or JWKs, or shared secrets for HS256/384/512: AgentOS's `verification_keys`. */
  readonly verificationKeys?: readonly string[];
  /** A JWKS document as JSON text, or a file holding one (`jwks_file`). */
  readonly jwks?: string;
  readonly jwksFile?: string;
  /** The one algorithm tokens may use (AgentOS default RS256). */
  readonly algorithm?: string;
  /** Check the `aud` claim against `audience` (AgentOS default off). */
  readonly verifyAudience?: boolean;
  readonly audience?: string | readonly string[];
  /** The scope that grants everything (AgentOS default `agent_os:admin`). */
  readonly adminScope?: string;
  /** Seconds of clock skew tolerated (AgentOS: 10). */
  readonly leewaySeconds?: number;
}

export type JwtCheck = { readonly ok: true; readonly scopes: readonly string[] } | { readonly ok: false; readonly detail: string };

type Key = Awaited<ReturnType<typeof importSPKI>> | KeyObject | Uint8Array;

/** Verifies tokens as AgentOS's JWTValidator does: one algorithm, JWKS by `kid` first, then each static key. */
export class JwtVerifier {
  readonly adminScope: string;
  private readonly algorithm: string;
  private readonly audience: readonly string[] | null;
  private readonly leeway: number;
  private readonly keys: Promise<Key[]>;
  private readonly jwks: ReturnType<typeof createLocalJWKSet> | null;

  constructor(options: JwtOptions) {
    this.algorithm = options.algorithm ?? 'RS256';
    if (this.algorithm.toLowerCase() === 'none') throw new ConfigurationError('jwt.algorithm cannot be "none": tokens must be signed');
    this.adminScope = options.adminScope ?? 'agent_os:admin';
    this.leeway = options.leewaySeconds ?? 10;
    const audience =
      options.audience === undefined ? [] : typeof options.audience === 'string' ? [options.audience] : [...options.audience];
    if (options.verifyAudience && audience.length === 0) {
      throw new ConfigurationError('jwt.verifyAudience needs jwt.audience: this server has no AgentOS id to fall back to');
    }
    this.audience = options.verifyAudience ? audience : null;
    const jwksText = options.jwks ?? (options.jwksFile !== undefined ? readJwksFile(options.jwksFile) : undefined);
    this.jwks = jwksText !== undefined ? createLocalJWKSet(parseJwks(jwksText)) : null;
    this.keys = Promise.all((options.verificationKeys ?? []).map((k) => importKey(k, this.algorithm)));
    // A key that does not import fails every request (and `ready()`), never the process.
    this.keys.catch(() => undefined);
    if (!this.jwks && (options.verificationKeys ?? []).length === 0) {
      throw new ConfigurationError(
        'JWT authorization needs a verification key or a JWKS (JWT_VERIFICATION_KEY, JWT_JWKS_FILE or JWT_JWKS)',
      );
    }
  }

  /** Resolves once every key is imported; rejects with a ConfigurationError naming the bad one. */
  async ready(): Promise<void> {
    try {
      await this.keys;
    } catch (error) {
      throw error instanceof ConfigurationError
        ? error
        : new ConfigurationError(`a JWT verification key cannot be used: ${(error as Error).message}`);
    }
  }

  async verify(token: string): Promise<JwtCheck> {
    let payload: JWTPayload | undefined;
    let last: unknown;
    const options = { algorithms: [this.algorithm], clockTolerance: this.leeway };
    try {
      decodeProtectedHeader(token);
    } catch {
      return { ok: false, detail: 'Invalid token: Not enough segments' };
    }
    if (this.jwks) {
      try {
        payload = (await jwtVerify(token, this.jwks, options)).payload;
      } catch (error) {
        if (error instanceof errors.JWTExpired) return { ok: false, detail: 'Token has expired' };
        last = error;
      }
    }
    for (const key of payload ? [] : await this.keys) {
      try {
        payload = (await jwtVerify(token, key, options)).payload;
        break;
      } catch (error) {
        if (error instanceof errors.JWTExpired) return { ok: false, detail: 'Token has expired' };
        last = error;
      }
    }
    if (!payload) return { ok: false, detail: `Invalid token: ${invalidReason(last)}` };
    if (this.audience && !audienceMatches(payload.aud, this.audience)) {
      return { ok: false, detail: 'Invalid token audience - token not valid for this AgentOS instance' };
    }
    const claim = (payload as Record<string, unknown>)['scopes'];
    const scopes =
      typeof claim === 'string' ? [claim] : Array.isArray(claim) ? claim.filter((s): s is string => typeof s === 'string') : [];
    return { ok: true, scopes };
  }
}

/** PyJWT's wording for the failures a client is likely to see, so its logs read the same. */
function invalidReason(error: unknown): string {
  if (error instanceof errors.JOSEAlgNotAllowed) return 'The specified alg value is not allowed';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'Signature verification failed';
  if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'nbf') return 'The token is not yet valid (nbf)';
  if (error instanceof errors.JWKSNoMatchingKey) return 'Signature verification failed';
  if (error instanceof errors.JWTInvalid || error instanceof errors.JWSInvalid) return 'Invalid token';
  return error instanceof Error ? error.message : 'No verification keys configured';
}

function audienceMatches(claim: unknown, expected: readonly string[]): boolean {
  const given = typeof claim === 'string' ? [claim] : Array.isArray(claim) ? claim : [];
  return given.some((aud) => typeof aud === 'string' && expected.includes(aud));
}

async function importKey(text: string, algorithm: string): Promise<Key> {
  const key = text.trim();
  if (key.includes('BEGIN CERTIFICATE')) return importX509(key, algorithm);
  if (key.includes('BEGIN PUBLIC KEY')) return importSPKI(key, algorithm);
  if (key.startsWith('{')) return importJWK(JSON.parse(key), algorithm);
  if (!algorithm.startsWith('HS'))
    throw new ConfigurationError(`a ${algorithm} verification key must be a PEM public key, a certificate or a JWK`);
  return new TextEncoder().encode(key);
}

function readJwksFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigurationError(
      `cannot read the JWKS file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      { file },
    );
  }
}

function parseJwks(text: string): JSONWebKeySet {
  try {
    const parsed = JSON.parse(text) as JSONWebKeySet;
    if (!Array.isArray(parsed?.keys)) throw new Error('no "keys" list');
    return parsed;
  } catch (error) {
    throw new ConfigurationError(`the JWKS is not a JSON Web Key Set: ${(error as Error).message}`);
  }
}

/** AgentOS's environment variables, read when no JWT options are given. */
export function jwtOptionsFromEnvironment(env: Readonly<Record<string, string | undefined>>): JwtOptions | undefined {
  const key = env['JWT_VERIFICATION_KEY'] || undefined;
  const jwksFile = env['JWT_JWKS_FILE'] || undefined;
  const jwks = env['JWT_JWKS'] || undefined;
  if (!key && !jwksFile && !jwks) return undefined;
  return { ...(key ? { verificationKeys: [key] } : {}), ...(jwksFile ? { jwksFile } : {}), ...(jwks ? { jwks } : {}) };
}
