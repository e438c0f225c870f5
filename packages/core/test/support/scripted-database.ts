import type {
  Connection,
  Db,
  Dialect,
  LockRequest,
  Operation,
  OperationContext,
  PlannedOperation,
  PlannedStatements,
  QueryResult,
  Statement,
  StatementPlan,
  StepTransaction,
  TableDef,
  TableState,
  VersionRow,
} from '../../src/index.js';
import { DEFAULT_CAPABILITIES, renderEachOperation } from '../../src/dialect-api.js';
import { DatabaseError, indexesFor, query, sql, VERSIONS_TABLE } from '../../src/index.js';

/**
 * A database held in memory for unit tests of the manager's loop: the dialect asks its questions
 * (introspection, which tables exist, the versions rows) as pseudo-statements that the connection
 * answers from data, and every statement sent is recorded in order. Stamps land in `versions`,
 * inside the transaction where there is one, so a rollback takes them back. Nothing here knows
 * SQL: what a step renders is `<operation> "<table>" <column>`.
 */
export class ScriptedDatabase {
  /** Live tables by name, as introspection returns them. */
  readonly tables = new Map<string, TableState>();
  /** The versions rows; null while there is no versions table. */
  versions: Map<string, string> | null = null;
  /** Every statement sent, in order (a failing one included). */
  readonly statements: { sql: string; params: readonly unknown[] }[] = [];
  /** Whether the run lock is held now. */
  locked = false;
  private readonly failures: { match: string | RegExp; error: Error }[] = [];
  private readonly answers: { match: string | RegExp; rows: readonly Record<string, unknown>[] }[] = [];
  private snapshot: { versions: Map<string, string> | null; tables: Map<string, TableState> } | null = null;

  constructor(readonly versionsTable = VERSIONS_TABLE.defaultName) {}

  /** A versions table holding `rows` (table name → version). */
  withVersions(rows: Record<string, string>): this {
    this.versions = new Map(Object.entries(rows));
    this.tables.set(this.versionsTable, stateOf(VERSIONS_TABLE.define('postgres'), this.versionsTable));
    return this;
  }

  withTable(name: string, columns: readonly string[]): this {
    this.tables.set(name, {
      name,
      columns: columns.map((c) => ({ name: c, dataType: 'text', nullable: true })),
      indexes: [],
      primaryKey: null,
      uniqueConstraints: [],
    });
    return this;
  }

  /** The first statement matching `match` fails with `error`. */
  failOn(match: string | RegExp, error: Error = new DatabaseError('the scripted statement failed', { kind: 'other' })): this {
    this.failures.push({ match, error });
    return this;
  }

  /** A query matching `match` returns `rows` (a precondition's count, say). */
  answer(match: string | RegExp, rows: readonly Record<string, unknown>[]): this {
    this.answers.push({ match, rows });
    return this;
  }

  /** The statements sent that change something (or take and release the lock), as text. */
  writes(): string[] {
    return this.statements.map((s) => s.sql).filter((text) => !READS.some((r) => text.startsWith(r)));
  }

  respond(text: string, params: readonly unknown[]): QueryResult {
    this.statements.push({ sql: text, params });
    const failure = this.failures.findIndex((f) => matches(f.match, text));
    if (failure >= 0) throw this.failures.splice(failure, 1)[0]!.error;
    const answer = this.answers.find((a) => matches(a.match, text));
    if (answer) return result(answer.rows);
    const [verb, table] = [text.split(' ')[0], String(params[0] ?? '')];
    switch (verb) {
      case 'INTROSPECT': {
        const state = this.tables.get(table);
        return result(state ? [{ state }] : []);
      }
      case 'EXISTS':
        return result(params.filter((t) => this.tables.has(String(t))).map((name) => ({ name })));
      case 'VERSIONS':
        if (!this.versions) throw new ScriptedUndefinedTable(table);
        return result([...this.versions].map(([table_name, version]) => ({ table_name, version })));
      case 'STAMP':
        if (!this.versions) throw new ScriptedUndefinedTable(this.versionsTable);
        this.versions.set(table, String(params[1]));
        return result([]);
      case 'CREATE_VERSIONS':
        this.withVersions({});
        return result([]);
      case 'CREATE':
        this.withTable(table, []);
        return result([]);
      case 'LOCK':
        this.locked = true;
        return result([]);
      case 'UNLOCK':
        this.locked = false;
        return result([]);
      case 'BEGIN':
        this.snapshot = { versions: this.versions && new Map(this.versions), tables: new Map(this.tables) };
        return result([]);
      case 'COMMIT':
        this.snapshot = null;
        return result([]);
      case 'ROLLBACK':
        if (this.snapshot) {
          this.versions = this.snapshot.versions;
          this.tables.clear();
          for (const [name, state] of this.snapshot.tables) this.tables.set(name, state);
        }
        this.snapshot = null;
        return result([]);
      default:
        // A step's DDL, or a precondition with no scripted answer (it finds nothing wrong).
        return result(text.startsWith('requireNo') ? [{ n: 0 }] : []);
    }
  }

  connection(): Connection {
    return {
      query: async (text, params) => this.respond(text, params),
      querySync: (text, params) => this.respond(text, params),
      close: async () => {},
      closeSync: () => {},
    };
  }
}

/** Questions the loop asks, not changes: introspection, existence, the versions rows, a precondition's count. */
const READS = ['INTROSPECT', 'EXISTS', 'VERSIONS', 'requireNo'];

function matches(match: string | RegExp, text: string): boolean {
  return typeof match === 'string' ? text.startsWith(match) : match.test(text);
}

function result(rows: readonly Record<string, unknown>[]): QueryResult {
  return { rows, affectedRows: 0 };
}

class ScriptedUndefinedTable extends Error {
  constructor(table: string) {
    super(`no such table: ${table}`);
  }
}

function stateOf(def: TableDef, name: string): TableState {
  return {
    name,
    columns: def.columns.map((c) => ({ name: c.name, dataType: 'text', nullable: c.nullable })),
    indexes: indexesFor(def, name).map((i) => ({ name: i.name, columns: i.columns, unique: i.unique, valid: true })),
    primaryKey: { name: null, columns: def.primaryKey },
    uniqueConstraints: [],
  };
}

function columnOf(op: Operation): string {
  if (op.kind === 'addColumn') return op.column.name;
  return 'column' in op && typeof op.column === 'string' ? op.column : '';
}

export interface ScriptedDialectOptions {
  /** DDL rolls back, so each step and its stamp run in one transaction (BEGIN … COMMIT). */
  readonly transactionalDdl?: boolean;
  readonly flavor?: Dialect['flavor'];
  /** The emitter fuses consecutive addColumn operations into one `addColumn "<table>" a, b` statement. */
  readonly fuseAddColumns?: boolean;
}

/** Consecutive addColumn operations in one pseudo-statement, attached to the first of them. */
function fuseAddColumns(ops: readonly PlannedOperation[], ctx: OperationContext): StatementPlan {
  const plan: PlannedStatements[] = [];
  let first = -1;
  for (const [i, { op }] of ops.entries()) {
    if (op.kind !== 'addColumn') {
      first = -1;
      plan.push({ statements: [sql(`${op.kind} "${ctx.table}" ${columnOf(op)}`)] });
      continue;
    }
    if (first < 0) {
      first = i;
      const run = ops.slice(i).findIndex((p) => p.op.kind !== 'addColumn');
      const names = ops.slice(i, run < 0 ? undefined : i + run).map((p) => columnOf(p.op));
      plan.push({ statements: [sql(`addColumn "${ctx.table}" ${names.join(', ')}`)] });
    } else plan.push({ carriedBy: first });
  }
  return plan;
}

/** The `Dialect` over a `ScriptedDatabase`: every question goes to the connection as a pseudo-statement. */
export function scriptedDialect(db: ScriptedDatabase, options: ScriptedDialectOptions = {}): Dialect {
  const transactional = options.transactionalDdl ?? true;
  // Each role holds only what the manager's loop asks of it.
  const emitter = {
    quoteIdent: (name: string) => `"${name}"`,
    qualify: (table: string) => `"${table}"`,
    placeholder: () => '?',
    stringLiteral: (value: string) => `'${value}'`,
    dateAsText: (expression: string) => expression,
    renderOperation: (op: Operation, _state: TableState, ctx: OperationContext): Statement[] => [
      sql(`${op.kind} "${ctx.table}" ${columnOf(op)}`),
    ],
    renderPlan: (ops: readonly PlannedOperation[], ctx: OperationContext) =>
      options.fuseAddColumns ? fuseAddColumns(ops, ctx) : renderEachOperation(emitter, ops, ctx),
    createTable: (_def: TableDef, table: string) => [{ sql: `CREATE "${table}"`, params: [table] }],
    createNamespace: () => [],
    createVersionsTable: (table: string) => [{ sql: `CREATE_VERSIONS "${table}"`, params: [table] }],
    readVersions: (table: string) => ({ sql: `VERSIONS "${table}"`, params: [table] }),
    upsertVersion: (_table: string, row: VersionRow, timestamp: string) => ({
      sql: `STAMP "${row.tableName}" ${row.version}`,
      params: [row.tableName, row.version, timestamp],
    }),
    stepTransaction: (): StepTransaction | null =>
      transactional ? { begin: [sql('BEGIN')], commit: [sql('COMMIT')], rollback: [sql('ROLLBACK')] } : null,
    duplicateFixSql: (table: string, column: string) => `-- remove the duplicate ${column} values of ${table}`,
    nullFixSql: (table: string, column: string) => `-- remove the rows of ${table} whose ${column} is null`,
  };
  const introspector = {
    *introspect(table: string): Db<TableState | null> {
      const found = yield* query(`INTROSPECT "${table}"`, [table]);
      return (found.rows[0]?.['state'] as TableState | undefined) ?? null;
    },
    *existingTables(tables: readonly string[]): Db<Set<string>> {
      const found = yield* query('EXISTS', tables);
      return new Set(found.rows.map((r) => String(r['name'])));
    },
  };
  const lock = {
    *acquire(request: LockRequest): Db<void> {
      yield* query('LOCK', [request.name]);
    },
    *release(request: LockRequest): Db<void> {
      yield* query('UNLOCK', [request.name]);
    },
  };
  const errors = {
    translate: (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
    isUndefinedTable: (error: unknown) => error instanceof ScriptedUndefinedTable,
  };
  return {
    name: 'Scripted',
    flavor: options.flavor ?? 'postgres',
    capabilities: { ...DEFAULT_CAPABILITIES, transactionalDdl: transactional, synchronous: true },
    namespace: undefined,
    displayTarget: 'scripted',
    connector: { connect: async () => db.connection(), connectSync: () => db.connection() } as unknown as Dialect['connector'],
    emitter: emitter as unknown as Dialect['emitter'],
    introspector: introspector as unknown as Dialect['introspector'],
    lock: lock as unknown as Dialect['lock'],
    errors: errors as unknown as Dialect['errors'],
  };
}
