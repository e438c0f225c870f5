/**
 * The options of the PostgreSQL dialect and the few members of `pg` it calls, typed structurally
 * (as Kysely's postgres-dialect-config.ts does) so the user's own `pg` version is used and no `pg`
 * type leaks into the public API.
 */

export interface PostgresQueryResult {
  readonly rows: Record<string, unknown>[];
  readonly rowCount: number | null;
}

/** A `pg.Client`, or a client checked out of a `pg.Pool`. */
export interface PostgresClient {
  query(text: string, values?: unknown[]): Promise<PostgresQueryResult>;
  on?(event: 'error', listener: (error: Error) => void): unknown;
  removeListener?(event: 'error', listener: (error: Error) => void): unknown;
}

export interface PostgresPoolClient extends PostgresClient {
  /** `release(error)` destroys the connection instead of returning it to the pool. */
  release(destroy?: Error | boolean): void;
}

export interface PostgresPool {
  connect(): Promise<PostgresPoolClient>;
}

/** A client the dialect creates and owns (from a URL). */
export interface PostgresOwnedClient extends PostgresClient {
  connect(): Promise<unknown>;
  end(): Promise<unknown>;
}

interface CommonOptions {
  /** The schema of Agno's tables; Agno's default is `ai`. */
  readonly schema?: string;
  /** How long connecting may take before it fails. Default 10 s. */
  readonly connectTimeoutMs?: number;
}

export interface PostgresUrlOptions extends CommonOptions {
  /** `postgres://user:password@host:port/database?sslmode=require` (also `postgresql://`). */
  readonly url: string;
}

export interface PostgresPoolOptions extends CommonOptions {
  /** An existing `pg.Pool`: one client is checked out per run and released on close. */
  readonly pool: PostgresPool;
}

export interface PostgresClientOptions extends CommonOptions {
  /** An existing, connected `pg.Client`: used as is and never ended by the tool. */
  readonly client: PostgresClient;
}

export type PostgresDialectOptions = PostgresUrlOptions | PostgresPoolOptions | PostgresClientOptions;

export const DEFAULT_SCHEMA = 'ai';
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
/** Longer than any sane connect; a larger value is almost certainly a unit mistake (seconds vs ms). */
export const MAX_CONNECT_TIMEOUT_MS = 10 * 60_000;
export const APPLICATION_NAME = 'agno-migrate';
