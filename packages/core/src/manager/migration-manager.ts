import { tableTypeNames, VERSIONS_TABLE } from '../catalog/registry.js';
import type { Connection, Db } from '../dialect/db.js';
import { runAsync, runSync } from '../dialect/db.js';
import type { Dialect } from '../dialect/dialect.js';
import { ConfigurationError, MigrationStepError } from '../errors.js';
import { AGNO_STEPS, VersionGraph } from '../graph/version-graph.js';
import type { VerifyResult } from '../verify/types.js';
import type { CreateOptions, DownOptions, UpOptions } from './commands.js';
import { runCreate, runDown, runUp } from './commands.js';
import type { Logger, MigrationEvent } from './events.js';
import { silentLogger } from './events.js';
import { describeFailure, logResult } from './log-result.js';
import { readStatus } from './read-status.js';
import type { RunResult, StatusResult } from './results.js';
import type { CleanupRunsOptions, CleanupRunsResult } from './run-cleanup-runs.js';
import { runCleanupRuns } from './run-cleanup-runs.js';
import type { RunContext } from './run-context.js';
import type { VerifyOptions } from './run-verify.js';
import { runVerify } from './run-verify.js';
import { checkIdentifierLengths, checkName, resolveTableNames } from './table-names.js';
import { selectCreatableTables, selectMigratedTables, selectTables } from './table-selection.js';

export interface ManagerOptions {
  /** Renamed tables, by table type (`{ memories: 'my_memories' }`). */
  readonly tables?: Readonly<Record<string, string | undefined>>;
  readonly versionsTable?: string;
  readonly logger?: Logger;
  readonly onEvent?: (event: MigrationEvent) => void;
  /** How long a run waits for another run's lock. Default 5 minutes. */
  readonly lockTimeoutMs?: number;
  /** The version graph; Agno's by default. */
  readonly graph?: VersionGraph;
  /** Clock for stamps and backfills (tests pin it). */
  readonly now?: () => Date;
}

export interface StatusOptions {
  readonly targetVersion?: string;
  readonly tableType?: string;
  /** Compare each existing table with its expected shape for a one-word health (default true). */
  readonly health?: boolean;
}

const DEFAULT_LOCK_TIMEOUT_MS = 5 * 60_000;

function statusReadOptions(options: StatusOptions) {
  return { explicit: options.tableType !== undefined, health: options.health ?? true };
}

/**
 * Versions and migrates Agno's tables on one database. Connects on first use and keeps one pinned
 * connection until `close()`. Every method also exists as `…Sync()` for synchronous dialects.
 */
export class MigrationManager {
  readonly dialect: Dialect;
  readonly graph: VersionGraph;
  readonly versionsTable: string;
  private readonly names: Record<string, string>;
  private readonly options: ManagerOptions;
  private connection: Connection | undefined;

  constructor(dialect: Dialect, options: ManagerOptions = {}) {
    this.dialect = dialect;
    this.options = options;
    this.graph = options.graph ?? new VersionGraph('2.0.0', AGNO_STEPS, tableTypeNames());
    this.names = resolveTableNames(options.tables);
    this.versionsTable = checkName(options.versionsTable ?? VERSIONS_TABLE.defaultName, 'versions table name');
    if (Object.values(this.names).includes(this.versionsTable)) {
      throw new ConfigurationError(`the versions table ${JSON.stringify(this.versionsTable)} has the name of a data table`);
    }
  }

  /** Each table: exists, recorded version, latest, pending steps, health. Takes no lock and writes nothing. */
  status(options: StatusOptions = {}): Promise<StatusResult> {
    return this.runAsync((ctx) =>
      readStatus(ctx, this.tables(options.tableType, options.targetVersion), options.targetVersion, statusReadOptions(options)),
    );
  }

  /**
   * Every existing table against the shape expected at its recorded version: each difference with
   * what to do about it. Takes no lock and writes nothing.
   */
  verify(options: VerifyOptions = {}): Promise<VerifyResult> {
    return this.runAsync((ctx) => runVerify(ctx, this.tables(options.tableType), options.tableType !== undefined));
  }

  verifySync(options: VerifyOptions = {}): VerifyResult {
    return this.runSync((ctx) => runVerify(ctx, this.tables(options.tableType), options.tableType !== undefined));
  }

  /** What `up` would do, with the SQL it would run: a dry run. */
  plan(options: Omit<UpOptions, 'dryRun'> = {}): Promise<RunResult> {
    return this.up({ ...options, dryRun: true });
  }

  async up(options: UpOptions = {}): Promise<RunResult> {
    return this.finish(await this.runAsync((ctx) => runUp(ctx, this.migratedTables(options.tableType, options.targetVersion), options)));
  }

  async down(options: DownOptions): Promise<RunResult> {
    const checked = this.checkDown(options);
    return this.finish(await this.runAsync((ctx) => runDown(ctx, this.migratedTables(checked.tableType, checked.targetVersion), checked)));
  }

  /** Creates missing tables at the latest schema exactly as Agno would, and stamps them. */
  async create(options: CreateOptions = {}): Promise<RunResult> {
    return this.finish(await this.runAsync((ctx) => runCreate(ctx, this.creatableTables(options.tableType), options)));
  }

  /**
   * Drops sessions.runs once every run in every blob is proven to be in the runs table (Agno's
   * `cleanup_legacy_runs_column`, which only checks that the blobs are empty); `force` drops it anyway.
   */
  cleanupRuns(options: CleanupRunsOptions = {}): Promise<CleanupRunsResult> {
    return this.runAsync((ctx) => runCleanupRuns(ctx, options));
  }

  cleanupRunsSync(options: CleanupRunsOptions = {}): CleanupRunsResult {
    return this.runSync((ctx) => runCleanupRuns(ctx, options));
  }

  statusSync(options: StatusOptions = {}): StatusResult {
    return this.runSync((ctx) =>
      readStatus(ctx, this.tables(options.tableType, options.targetVersion), options.targetVersion, statusReadOptions(options)),
    );
  }

  planSync(options: Omit<UpOptions, 'dryRun'> = {}): RunResult {
    return this.upSync({ ...options, dryRun: true });
  }

  upSync(options: UpOptions = {}): RunResult {
    return this.finish(this.runSync((ctx) => runUp(ctx, this.migratedTables(options.tableType, options.targetVersion), options)));
  }

  downSync(options: DownOptions): RunResult {
    const checked = this.checkDown(options);
    return this.finish(this.runSync((ctx) => runDown(ctx, this.migratedTables(checked.tableType, checked.targetVersion), checked)));
  }

  createSync(options: CreateOptions = {}): RunResult {
    return this.finish(this.runSync((ctx) => runCreate(ctx, this.creatableTables(options.tableType), options)));
  }

  async close(): Promise<void> {
    const connection = this.connection;
    this.connection = undefined;
    await connection?.close();
  }

  closeSync(): void {
    const connection = this.connection;
    this.connection = undefined;
    if (connection?.closeSync) connection.closeSync();
    else if (connection) void connection.close();
  }

  /** The configured name of every table type. */
  tableNames(): Readonly<Record<string, string>> {
    return { ...this.names };
  }

  /** Validates options eagerly, so a bad version is reported before connecting. */
  private tables(tableType?: string, targetVersion?: string) {
    if (targetVersion !== undefined) this.graph.resolveTarget(targetVersion);
    const tables = selectTables(this.names, tableType);
    checkIdentifierLengths(this.dialect, this.graph, tables, this.versionsTable);
    return tables;
  }

  /** up and down visit only the tables Agno migrates. */
  private migratedTables(tableType?: string, targetVersion?: string) {
    if (targetVersion !== undefined) this.graph.resolveTarget(targetVersion);
    const tables = selectMigratedTables(this.names, tableType);
    checkIdentifierLengths(this.dialect, this.graph, tables, this.versionsTable);
    return tables;
  }

  /** create: the tables Agno creates on this dialect (or the one named, with what it references), in foreign-key order. */
  private creatableTables(tableType?: string) {
    const tables = selectCreatableTables(this.names, tableType, this.dialect.flavor, this.dialect.name);
    checkIdentifierLengths(this.dialect, this.graph, tables, this.versionsTable, false);
    return tables;
  }

  private checkDown(options: DownOptions | undefined): DownOptions {
    if (!options || options.targetVersion === undefined || options.targetVersion === null || options.targetVersion === '') {
      throw new ConfigurationError('down needs a target version, for example down({ targetVersion: "2.0.0" })');
    }
    return options;
  }

  private finish(result: RunResult): RunResult {
    logResult(this.options.logger ?? silentLogger, result);
    if (result.status === 'failed') throw new MigrationStepError(describeFailure(result), result);
    return result;
  }

  private context(): RunContext {
    const onEvent = this.options.onEvent;
    return {
      dialect: this.dialect,
      graph: this.graph,
      versionsTable: this.versionsTable,
      names: this.names,
      lock: {
        name: `agno-migrate:${this.dialect.namespace ?? ''}:${this.versionsTable}`,
        timeoutMs: this.options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS,
      },
      now: this.options.now?.() ?? new Date(),
      logger: this.options.logger ?? silentLogger,
      emit: onEvent ? (event) => onEvent(event) : () => {},
    };
  }

  private async runAsync<T>(build: (ctx: RunContext) => Db<T>): Promise<T> {
    const ctx = this.context();
    const work = build(ctx);
    try {
      this.connection ??= await this.dialect.connector.connect();
      return await runAsync(work, this.connection);
    } catch (error) {
      throw this.dialect.errors.translate(error);
    }
  }

  private runSync<T>(build: (ctx: RunContext) => Db<T>): T {
    const connectSync = this.dialect.connector.connectSync?.bind(this.dialect.connector);
    if (!connectSync) {
      throw new ConfigurationError(`the ${this.dialect.name} dialect is asynchronous: use the methods without Sync`);
    }
    const ctx = this.context();
    const work = build(ctx);
    try {
      this.connection ??= connectSync();
      return runSync(work, this.connection);
    } catch (error) {
      throw this.dialect.errors.translate(error);
    }
  }
}
