/** The JSON file of `--config`: named databases, and the key `serve` requires of its callers. */
export interface AgnoMigrateConfig {
  readonly securityKey?: string;
  /** AgentOS's JWT authorization for `serve` (its AuthorizationConfig, camelCased). */
  readonly jwt?: JwtConfig;
  readonly databases: Readonly<Record<string, DatabaseConfig>>;
  /** Ids of databases another AgentOS owns: `serve` lists them as skipped and never migrates them. */
  readonly remoteDatabases?: readonly string[];
}

export interface JwtConfig {
  readonly verificationKeys?: readonly string[];
  readonly jwksFile?: string;
  readonly algorithm?: string;
  readonly verifyAudience?: boolean;
  readonly audience?: string | readonly string[];
  readonly adminScope?: string;
}

export interface DatabaseConfig {
  readonly url: string;
  readonly schema?: string;
  readonly versionsTable?: string;
  /** Renamed tables by table type, as `--table <type>=<name>`. */
  readonly tables?: Readonly<Record<string, string>>;
}
