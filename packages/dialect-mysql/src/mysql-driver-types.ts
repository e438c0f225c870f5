/**
 * The few members of mysql2's promise API the dialect calls, typed structurally so the user's own
 * mysql2 version (a peer dependency) is used and its types are not required.
 */
export interface MysqlQueryable {
  /** Resolves to `[rows, fields]`: rows is an array for SELECT, a result header otherwise. */
  query(sql: string): Promise<readonly [unknown, unknown?]>;
  escape(value: unknown): string;
}

export interface MysqlOwnedConnection extends MysqlQueryable {
  end(): Promise<void>;
}

export interface MysqlPoolConnection extends MysqlQueryable {
  release(): void;
}

export interface MysqlPool {
  getConnection(): Promise<MysqlPoolConnection>;
}

/** A mysql2/promise pool, or a single connection the caller keeps ownership of. */
export type MysqlClient = MysqlPool | MysqlQueryable;

export interface MysqlConnectionConfig {
  readonly host: string;
  readonly port: number;
  readonly user?: string;
  readonly password?: string;
  readonly database?: string;
  readonly connectTimeout: number;
  readonly charset: string;
  readonly supportBigNumbers: boolean;
  readonly bigNumberStrings: boolean;
  readonly multipleStatements: boolean;
  readonly enableKeepAlive?: boolean;
  readonly keepAliveInitialDelay?: number;
}

export interface MysqlDriverModule {
  createConnection(config: MysqlConnectionConfig): Promise<MysqlOwnedConnection>;
}
