import type { Logger } from '@agno-migrate/core';
import { AGNO_STEPS, tableTypeNames, VersionGraph } from '@agno-migrate/core';
import { authorize } from './auth.js';
import { accessRule, scopeOf } from './access.js';
import type { JwtOptions } from './jwt.js';
import type { DatabaseEntry } from './databases.js';
import { DatabaseSet } from './databases.js';
import { migrateAllRoute, migrateDatabaseRoute, statusRoute } from './migrate-routes.js';
import { pendingAllRoute, pendingRoute } from './pending-routes.js';
import { detail, json } from './responses.js';
import { readTargetVersion } from './target-version.js';

export interface MigrationHandlerOptions {
  /** The databases by id, as AgentOS knows them by `db.id`. */
  readonly databases: Readonly<Record<string, DatabaseEntry>>;
  /** Bearer key required on the database routes; defaults to $OS_SECURITY_KEY; '' means none. No key: open, as AgentOS. */
  readonly securityKey?: string;
  /** Receives one line per request: method, path, status, duration. */
  readonly logger?: Logger;
  /** Applied to every error text that leaves the handler (the security key is always removed). */
  readonly redact?: (text: string) => string;
  /** The versions a target may name; Agno's by default. */
  readonly graph?: VersionGraph;
  /** AgentOS's JWT authorization; defaults to its JWT_* environment variables; false means none. */
  readonly jwt?: JwtOptions | false;
}

/** A fetch-style handler; `close()` waits for the requests under way and closes the managers kept open. */
export interface MigrationHandler {
  (request: Request): Promise<Response>;
  /**
   * The answer to a request whose method a fetch Request cannot even carry (TRACE, CONNECT,
   * TRACK): 405, logged like every other request. Server adapters call it instead of the handler.
   */
  refuseMethod(method: string, pathname: string): Response;
  close(): Promise<void>;
}

type Route =
  | { readonly kind: 'health' }
  | { readonly kind: 'migrate-all' }
  | { readonly kind: 'migrate'; readonly id: string }
  | { readonly kind: 'status'; readonly id: string }
  | { readonly kind: 'pending-all' }
  | { readonly kind: 'pending'; readonly id: string };

/** The methods any route serves; every other one is refused on every path. */
const SERVED = 'GET, POST';
const SERVED_METHODS = new Set(SERVED.split(', '));

const METHODS: Record<Route['kind'], string> = {
  health: 'GET',
  'migrate-all': 'POST',
  migrate: 'POST',
  status: 'GET',
  'pending-all': 'GET',
  pending: 'GET',
};

export function createMigrationHandler(options: MigrationHandlerOptions): MigrationHandler {
  const databases = new DatabaseSet(options.databases);
  const securityKey = options.securityKey !== undefined ? options.securityKey || undefined : environmentKey();
  const graph = options.graph ?? new VersionGraph('2.0.0', AGNO_STEPS, tableTypeNames());
  const access = accessRule(securityKey, options.jwt);
  const redact = (text: string) => {
    const scrubbed = options.redact ? options.redact(text) : text;
    return securityKey ? scrubbed.split(securityKey).join('***') : scrubbed;
  };
  let closing = false;

  const respond = async (request: Request, url: URL): Promise<Response> => {
    if (!SERVED_METHODS.has(request.method)) return detail(405, 'Method Not Allowed', { allow: SERVED });
    const route = matchRoute(url.pathname);
    if (!route) return detail(404, 'Not Found');
    if (request.method !== METHODS[route.kind]) return detail(405, 'Method Not Allowed', { allow: METHODS[route.kind] });
    if (route.kind === 'health') return json(200, { status: 'ok' });
    // Authentication comes first, as a router-level dependency does in AgentOS: an unknown id without a key is a 401.
    const denied = await authorize(request, access, scopeOf(route.kind));
    if (denied) return denied;
    if (closing) return detail(503, 'Server is shutting down');
    if (route.kind === 'status') return statusRoute(databases, route.id, redact);
    if (route.kind === 'pending') return pendingRoute(databases, route.id, redact);
    if (route.kind === 'pending-all') return pendingAllRoute(databases, redact);
    const target = await readTargetVersion(request, url, graph);
    if (!target.ok) return target.response;
    // A revert that would drop data refuses (as blocked) unless the caller says `?force=true`.
    const force = url.searchParams.get('force') === 'true';
    if (route.kind === 'migrate-all') return migrateAllRoute(databases, target.version, redact, force);
    return migrateDatabaseRoute(databases, route.id, target.version, redact, force);
  };

  const handler = async (request: Request): Promise<Response> => {
    const started = performance.now();
    const url = new URL(request.url);
    let response: Response;
    try {
      response = await respond(request, url);
    } catch (error) {
      options.logger?.warn(redact(`unexpected error: ${error instanceof Error ? error.message : String(error)}`));
      response = detail(500, 'Internal Server Error');
    }
    logRequest(options.logger, request.method, url.pathname, response.status, performance.now() - started);
    return response;
  };

  return Object.assign(handler, {
    refuseMethod(method: string, pathname: string): Response {
      logRequest(options.logger, method, pathname, 405, 0);
      return detail(405, 'Method Not Allowed', { allow: SERVED });
    },
    async close() {
      closing = true;
      await databases.close();
    },
  });
}

function matchRoute(pathname: string): Route | null {
  if (pathname === '/health') return { kind: 'health' };
  if (pathname === '/databases/migrations/pending') return { kind: 'pending-all' };
  const parts = pathname.split('/');
  if (parts[0] !== '' || parts[1] !== 'databases') return null;
  if (parts.length === 5 && parts[3] === 'migrations' && parts[4] === 'pending') {
    const id = decodeId(parts[2]);
    return id === null ? null : { kind: 'pending', id };
  }
  if (parts.length !== 4) return null;
  const id = decodeId(parts[2]);
  if (id === null) return null;
  if (parts[3] === 'migrate') return id === 'all' ? { kind: 'migrate-all' } : { kind: 'migrate', id };
  if (parts[3] === 'migrations') return { kind: 'status', id };
  return null;
}

function decodeId(segment: string | undefined): string | null {
  if (!segment) return null;
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

function logRequest(logger: Logger | undefined, method: string, path: string, status: number, ms: number): void {
  if (!logger) return;
  const line = `${method} ${path} ${status} ${Math.round(ms)}ms`;
  if (status >= 500) logger.warn(line);
  else logger.info(line);
}

function environmentKey(): string | undefined {
  return typeof process !== 'undefined' ? process.env['OS_SECURITY_KEY'] || undefined : undefined;
}
