import type {
  Connection,
  Db,
  DialectCapabilities,
  LockRequest,
  LogicalType,
  Operation,
  OperationContext,
  Statement,
  StepTransaction,
  TableState,
} from '@agno-migrate/core';
import { BaseDialect, compareVersions, DatabaseError, DEFAULT_CAPABILITIES, query, sql } from '@agno-migrate/core';
import type { SqliteConnectOptions } from './sqlite-connector.js';
import { openSqlite } from './sqlite-connector.js';
import type { SqliteDatabase } from './sqlite-driver-types.js';
import { isUndefinedTable, translateSqliteError } from './sqlite-errors.js';
import { introspectSqlite } from './sqlite-introspector.js';
import { acquireSqliteLock, releaseSqliteLock } from './sqlite-lock.js';
import { sqliteColumnType } from './sqlite-types.js';
import { SqliteRunsSql } from './sqlite-runs.js';

export type SqliteDialectOptions = SqliteConnectOptions;

/** SQLite ≥ 3.53 is needed for ALTER COLUMN … SET NOT NULL (2.3.0's memories.created_at). */
const MIN_VERSION = '3.53.0';

export class SqliteDialect extends BaseDialect {
  readonly name = 'sqlite';
  readonly flavor = 'sqlite' as const;
  readonly namespace = undefined;
  readonly capabilities: DialectCapabilities = {
    ...DEFAULT_CAPABILITIES,
    transactionalDdl: true,
    synchronous: true,
    maxIdentifierBytes: 1024,
    alterPrimaryKey: false,
    alterUniqueKeys: false,
  };
  readonly displayTarget: string;
  private readonly options: SqliteDialectOptions;

  constructor(options: SqliteDialectOptions = {}) {
    super();
    this.options = options;
    this.displayTarget = options.database ? 'sqlite:(open database)' : `sqlite:${options.path ?? './agno.db'}`;
  }

  async connect(): Promise<Connection> {
    return this.connectSync();
  }

  connectSync(): Connection {
    const connection = openSqlite(this.options);
    const [row] = connection.querySync!('SELECT sqlite_version() AS v', []).rows;
    const version = String(row?.['v'] ?? '0');
    const tooOld = compareVersions(version, MIN_VERSION) < 0;
    if (tooOld) {
      connection.closeSync!();
      throw new DatabaseError(
        `SQLite ${version} is too old: agno-migrate needs ${MIN_VERSION} or newer (better-sqlite3 12.11 or newer bundles it)`,
        { kind: 'connection' },
      );
    }
    return connection;
  }

  columnType(type: LogicalType): string {
    return sqliteColumnType(type);
  }

  introspect(table: string): Db<TableState | null> {
    return introspectSqlite(table);
  }

  *existingTables(tables: readonly string[]): Db<Set<string>> {
    if (tables.length === 0) return new Set();
    const marks = tables.map(() => '?').join(', ');
    const result = yield* query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name IN (${marks})`, tables);
    return new Set(result.rows.map((r) => String(r['name'])));
  }

  /** The run holds one IMMEDIATE transaction (the lock); each step is a savepoint inside it. */
  override stepTransaction(): StepTransaction {
    return {
      begin: [sql('SAVEPOINT agno_migrate_step')],
      commit: [sql('RELEASE agno_migrate_step')],
      rollback: [sql('ROLLBACK TO agno_migrate_step'), sql('RELEASE agno_migrate_step')],
    };
  }

  acquireLock(request: LockRequest): Db<void> {
    return acquireSqliteLock(request);
  }

  releaseLock(): Db<void> {
    return releaseSqliteLock();
  }

  override runsSql(): SqliteRunsSql {
    return new SqliteRunsSql(this);
  }

  override duplicateFixSql(table: string, column: string): string {
    const t = this.qualify(table);
    const c = this.quoteIdent(column);
    return `DELETE FROM ${t} WHERE ${c} IS NOT NULL AND rowid NOT IN (SELECT MAX(rowid) FROM ${t} WHERE ${c} IS NOT NULL GROUP BY ${c});`;
  }

  override translateError(error: unknown): Error {
    return translateSqliteError(error);
  }

  override isUndefinedTable(error: unknown): boolean {
    return isUndefinedTable(error);
  }

  override renderOperation(op: Operation, state: TableState, ctx: OperationContext): Statement[] {
    switch (op.kind) {
      case 'dropColumn':
        // SQLite refuses to drop an indexed column, so its indexes go first.
        return [
          ...state.indexes.filter((i) => i.columns.includes(op.column)).map((i) => sql(`DROP INDEX ${this.quoteIdent(i.name)}`)),
          this.alter(ctx, `DROP COLUMN ${this.quoteIdent(op.column)}`),
        ];
      case 'addPrimaryKey':
        throw new DatabaseError(
          `SQLite cannot add a primary key to the existing table ${ctx.table}; Agno's SQLite tables always have one`,
          { kind: 'other' },
        );
      case 'dropDefault':
        throw new DatabaseError(`SQLite cannot drop the default of ${op.column} in ${ctx.table} without rebuilding the table`, {
          kind: 'other',
        });
      case 'addUnique':
        // SQLite cannot name a table constraint it could drop later; a unique index serves instead.
        return [this.createIndexSql(ctx.table, op.name, op.columns, true)];
      case 'dropUnique':
        return [sql(`DROP INDEX ${this.quoteIdent(op.name)}`)];
      default:
        return super.renderOperation(op, state, ctx);
    }
  }
}

export function sqliteDialect(options: SqliteDialectOptions | string = {}): SqliteDialect {
  return new SqliteDialect(typeof options === 'string' ? { path: options } : options);
}

export type { SqliteDatabase };
