/** The JSON file of `--config`: named databases, and the key `serve` requires of its callers. */
export interface AgnoMigrateConfig {
  readonly securityKey?: string;
  readonly databases: Readonly<Record<string, DatabaseConfig>>;
}

export interface DatabaseConfig {
  readonly url: string;
  readonly schema?: string;
  readonly versionsTable?: string;
  /** Renamed tables by table type, as `--table <type>=<name>`. */
  readonly tables?: Readonly<Record<string, string>>;
}
