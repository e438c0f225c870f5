import type { Connection, Db, Flavor, LockRequest, Operation, OperationContext, Statement, TableDef, VersionRow } from '@agno-migrate/core';
import { ConfigurationError, specOf, sql } from '@agno-migrate/core';
import type { MysqlClient, MysqlDialectOptions, MysqlIntrospector, MysqlUrl } from '@agno-migrate/dialect-mysql';
import { MysqlDialect, stateColumnType } from '@agno-migrate/dialect-mysql';
import { configuredDatabase } from './singlestore-client-database.js';
import { withoutForeignKeys, withShardKey } from './singlestore-create-table.js';
import { SinglestoreIntrospector } from './singlestore-introspector.js';
import { LeaseLock } from './singlestore-lock.js';
import { rebuildTable, shardKeyFor, withoutKeysImpliedBy } from './singlestore-rebuild.js';
import type { RebuildSql } from './singlestore-rebuild.js';
import { recoverInterruptedRebuilds } from './singlestore-recovery.js';
import type { SinglestoreTableState } from './singlestore-state.js';
import { parseSinglestoreUrl } from './singlestore-url.js';
import { SinglestoreRunsSql } from './singlestore-runs.js';

export interface SinglestoreLeaseOptions {
  /** The lock table, in the tables' database. Default `agno_migrate_locks`. */
  readonly table?: string;
  /** How long a lease lasts without renewal (whole seconds). Default 30 s. */
  readonly ttlMs?: number;
  /** How often the lease is renewed while a run holds it. Default a third of the lease. */
  readonly heartbeatMs?: number;
  /** How often a waiting run looks again. Default 500 ms. */
  readonly pollMs?: number;
}

export interface SinglestoreDialectOptions extends MysqlDialectOptions {
  /**
   * The database holding Agno's tables. Defaults to the connection's database: the one in the URL,
   * or the one the given client is configured with. (Agno looks in a database named `agno`.)
   */
  readonly schema?: string;
  readonly lock?: SinglestoreLeaseOptions;
}

/**
 * SingleStore through mysql2: the MySQL dialect, except where SingleStore differs — shard keys in
 * CREATE TABLE, keys and nullability changed by rebuild-and-swap, indexes without IF EXISTS, the
 * versions upsert Agno's SingleStoreDb writes, and a lease row instead of GET_LOCK.
 */
export class SinglestoreDialect extends MysqlDialect {
  override readonly name: string = 'singlestore';
  override readonly flavor: Flavor = 'singlestore';
  private readonly lease: LeaseLock;
  private runConnection: Connection | undefined;

  constructor(options: SinglestoreDialectOptions) {
    super(options);
    const lock = options.lock ?? {};
    this.lease = new LeaseLock({
      table: this.qualify(lock.table ?? 'agno_migrate_locks'),
      quoteIdent: (name) => this.quoteIdent(name),
      createKeyword: this.lockTableKeyword(),
      ...(lock.ttlMs === undefined ? {} : { ttlMs: lock.ttlMs }),
      ...(lock.heartbeatMs === undefined ? {} : { heartbeatMs: lock.heartbeatMs }),
      ...(lock.pollMs === undefined ? {} : { pollMs: lock.pollMs }),
      openConnection: () => this.openConnection(),
      runConnection: () => this.runConnection,
    });
  }

  /** The run's connection: each statement first checks that the run still holds its lease. */
  override async connect(): Promise<Connection> {
    const inner = await this.openConnection();
    this.runConnection = inner;
    return {
      query: (text, params) => {
        const lost = this.lease.lostError();
        return lost ? Promise.reject(lost) : inner.query(text, params);
      },
      close: async () => {
        if (this.runConnection === inner) this.runConnection = undefined;
        await inner.close();
      },
    };
  }

  override acquireLock(request: LockRequest): Db<void> {
    return this.lease.acquire(request);
  }

  override releaseLock(request: LockRequest): Db<void> {
    return this.lease.release(request);
  }

  /** Under the lease, a rebuild a killed run left half-swapped is finished before tables are looked at. */
  override *existingTables(tables: readonly string[]): Db<Set<string>> {
    if (this.lease.holding()) yield* recoverInterruptedRebuilds(this, this.namespace, tables);
    return yield* super.existingTables(tables);
  }

  override createTable(def: TableDef, table: string, referencedTables: Readonly<Record<string, string>>): Statement[] {
    const statements = super.createTable(withoutForeignKeys(def), table, referencedTables);
    return withShardKey(statements, def, `SHARD KEY (${this.columnList(def.shardKey ?? [])})`);
  }

  override runsSql(): SinglestoreRunsSql {
    return new SinglestoreRunsSql(this);
  }

  /** CREATE DATABASE takes no character set on SingleStore (utf8mb4 is its default). */
  override createNamespace(): Statement[] {
    return [sql(`CREATE DATABASE IF NOT EXISTS ${this.quoteIdent(this.namespace)}`)];
  }

  /** As Agno's SingleStoreDb writes it: created_at keeps its first value. */
  override upsertVersion(table: string, row: VersionRow, timestamp: string): Statement {
    const [t, v, c, u] = ['table_name', 'version', 'created_at', 'updated_at'].map((n) => this.quoteIdent(n));
    return sql(
      `INSERT INTO ${this.qualify(table)} (${t}, ${v}, ${c}, ${u}) VALUES (?, ?, ?, ?) ON DUPLICATE KEY UPDATE ${v} = ?, ${u} = ?`,
      [row.tableName, row.version, timestamp, timestamp, row.version, timestamp],
    );
  }

  /**
   * Keys and nullability are fixed once a SingleStore table exists (no ADD/DROP PRIMARY KEY, no
   * unique index added to a columnstore, no MODIFY … NOT NULL on one): those operations rebuild the
   * table. Columns and plain indexes change in place.
   */
  override renderOperation(op: Operation, state: SinglestoreTableState, ctx: OperationContext): Statement[] {
    switch (op.kind) {
      case 'addPrimaryKey': {
        const target = withoutKeysImpliedBy(specOf(op).apply(op, state) as SinglestoreTableState, op.columns);
        return rebuildTable(this.rebuildSql(), ctx.table, { ...target, shardKey: shardKeyFor(state, op.columns) });
      }
      case 'dropPrimaryKey':
      case 'addUnique':
      case 'dropUnique':
      case 'setNotNull':
        return rebuildTable(this.rebuildSql(), ctx.table, specOf(op).apply(op, state) as SinglestoreTableState);
      case 'createIndex':
        if (op.unique) return rebuildTable(this.rebuildSql(), ctx.table, specOf(op).apply(op, state) as SinglestoreTableState);
        return [this.plainIndexSql(ctx.table, op.name, op.columns, state)];
      case 'dropDefault':
        return [this.modifyWithoutDefaultSql(ctx.table, op.column, state)];
      case 'dropIndex':
        if (state.indexes.some((i) => i.name === op.name && i.unique)) {
          return rebuildTable(this.rebuildSql(), ctx.table, specOf(op).apply(op, state) as SinglestoreTableState);
        }
        return super.renderOperation(op, state, ctx);
      default:
        return super.renderOperation(op, state, ctx);
    }
  }

  /** The connection's database, as SingleStoreDb uses when no schema is given (never Agno's `agno`). */
  protected override defaultSchema(url: MysqlUrl | undefined, client?: MysqlClient): string {
    if (url) {
      if (url.database !== undefined) return url.database;
      throw new ConfigurationError(
        'the SingleStore URL names no database: put it in the URL (singlestore://user@host:3306/mydb) or pass --schema',
      );
    }
    const database = configuredDatabase(client);
    if (database !== undefined) return database;
    throw new ConfigurationError('the SingleStore client given has no database configured: configure one on it, or pass `schema`');
  }

  protected override parseUrl(url: string): MysqlUrl {
    return parseSinglestoreUrl(url);
  }

  protected override productName(): string {
    return 'SingleStore';
  }

  protected override createIntrospector(schema: string): MysqlIntrospector {
    return new SinglestoreIntrospector(schema);
  }

  /** A rowstore keeps the lease's single-row upserts cheap and row-locked (a columnstore may lock more). */
  protected lockTableKeyword(): string {
    return 'CREATE ROWSTORE TABLE';
  }

  /**
   * CREATE INDEX, as Agno creates its indexes; its SingleStore grammar takes no prefix length, so
   * an index on a TEXT column (Agno's 2.5.6 `run_status(255)`) uses ALTER TABLE … ADD INDEX, whose
   * grammar does.
   */
  private plainIndexSql(table: string, name: string, columns: readonly string[], state: SinglestoreTableState): Statement {
    const list = this.indexColumnList(columns, state);
    if (list === this.columnList(columns)) return this.createIndexSql(table, name, columns, false);
    return this.alterTable(table, `ADD INDEX ${this.quoteIdent(name)} (${list})`);
  }

  /** As Agno's 3.0.0 restates the column: MODIFY without a DEFAULT clause drops it (a metadata change). */
  private modifyWithoutDefaultSql(table: string, column: string, state: SinglestoreTableState): Statement {
    const current = state.columns.find((c) => c.name === column);
    if (!current) throw new Error(`cannot drop the default of ${column}: ${table} has no such column`);
    return this.alterTable(
      table,
      `MODIFY COLUMN ${this.quoteIdent(column)} ${stateColumnType(current)}${current.nullable ? '' : ' NOT NULL'}`,
    );
  }

  private openConnection(): Promise<Connection> {
    return super.connect();
  }

  private rebuildSql(): RebuildSql {
    return {
      quoteIdent: (name) => this.quoteIdent(name),
      qualify: (table) => this.qualify(table),
      columnList: (columns) => this.columnList(columns),
      indexColumns: (columns, state) => this.indexColumnList(columns, state),
      plainIndex: (table, name, columns, state) => this.plainIndexSql(table, name, columns, state),
    };
  }
}

export function singlestoreDialect(options: SinglestoreDialectOptions | string): SinglestoreDialect {
  return new SinglestoreDialect(typeof options === 'string' ? { url: options } : options);
}
