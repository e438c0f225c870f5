/** A dialect with no database behind it, and fresh table states, for verify's unit tests. */
import type {
  ColumnState,
  Db,
  Dialect,
  DialectCapabilities,
  Flavor,
  LogicalType,
  Operation,
  OperationContext,
  Statement,
  TableState,
  TypeRules,
} from '../../src/dialect-api.js';
import {
  BaseEmitter,
  BaseErrors,
  BaseIntrospector,
  BaseLock,
  BaseConnector,
  DEFAULT_CAPABILITIES,
  STRICT_TYPE_RULES,
} from '../../src/dialect-api.js';
import type { Connection, WriteLimits } from '../../src/dialect-api.js';
import { AGNO_STEPS, indexesFor, resolveTableType, VersionGraph } from '../../src/index.js';
import { verifyTable } from '../../src/verify/verify-table.js';

const noDatabase = (): never => {
  throw new Error('no database here');
};

/** Only what verify uses of an emitter: SQL rendering and the declared types. */
class RenderingEmitter extends BaseEmitter {
  constructor(
    readonly flavor: Flavor,
    private readonly capabilities: DialectCapabilities,
  ) {
    super(undefined);
  }
  /** As the SQLite dialect does: a primary key cannot be added to an existing table there. */
  override renderOperation(op: Operation, state: TableState, ctx: OperationContext): Statement[] {
    if (op.kind === 'addPrimaryKey' && !this.capabilities.alterPrimaryKey) throw new Error('cannot add a primary key here');
    return super.renderOperation(op, state, ctx);
  }
  columnType(type: LogicalType): string {
    if (type.kind === 'json' && this.flavor === 'postgres') return 'JSONB';
    return type.kind === 'string' ? (type.length ? `VARCHAR(${type.length})` : 'VARCHAR') : type.kind.toUpperCase();
  }
}

/** The type rules each dialect package states for its database. */
const TYPE_RULES: Record<Flavor, TypeRules> = {
  postgres: { unboundedStrings: true, ignoresLengths: false, unsizedStringsHaveNoLength: true, jsonType: 'jsonb' },
  sqlite: { unboundedStrings: true, ignoresLengths: true, unsizedStringsHaveNoLength: false, jsonType: 'json' },
  mysql: STRICT_TYPE_RULES,
  singlestore: STRICT_TYPE_RULES,
};

class RulesIntrospector extends BaseIntrospector {
  constructor(protected override readonly typeRules: TypeRules) {
    super();
  }
  introspect(): Db<TableState | null> {
    return noDatabase();
  }
  existingTables(): Db<Set<string>> {
    return noDatabase();
  }
}

class NoConnector extends BaseConnector {
  connect(): Promise<Connection> {
    return noDatabase();
  }
  writeLimits(): Promise<WriteLimits> {
    return noDatabase();
  }
}

class NoLock extends BaseLock {
  acquire(): Db<void> {
    return noDatabase();
  }
  release(): Db<void> {
    return noDatabase();
  }
}

/** Only what verify uses of a dialect: its flavour, capabilities, SQL rendering and type rules; no database. */
export class RenderingDialect implements Dialect {
  readonly name: string;
  readonly namespace = undefined;
  readonly displayTarget = 'test';
  readonly capabilities: DialectCapabilities;
  readonly connector = new NoConnector();
  readonly emitter: RenderingEmitter;
  readonly introspector: RulesIntrospector;
  readonly lock = new NoLock();
  readonly errors: BaseErrors;
  constructor(readonly flavor: Flavor) {
    this.name = flavor;
    this.capabilities = { ...DEFAULT_CAPABILITIES, jsonb: flavor === 'postgres', alterPrimaryKey: flavor !== 'sqlite' };
    this.emitter = new RenderingEmitter(flavor, this.capabilities);
    this.introspector = new RulesIntrospector(TYPE_RULES[flavor]);
    this.errors = new BaseErrors(flavor);
  }
}

const DB_NAMES: Record<Flavor, Record<LogicalType['kind'], string>> = {
  postgres: { string: 'varchar', text: 'text', json: 'jsonb', bigint: 'bigint', integer: 'integer', boolean: 'boolean', date: 'date' },
  sqlite: { string: 'varchar', text: 'text', json: 'json', bigint: 'bigint', integer: 'bigint', boolean: 'boolean', date: 'date' },
  mysql: { string: 'varchar', text: 'text', json: 'json', bigint: 'bigint', integer: 'integer', boolean: 'boolean', date: 'date' },
  singlestore: { string: 'varchar', text: 'text', json: 'json', bigint: 'bigint', integer: 'integer', boolean: 'boolean', date: 'date' },
};

/** The table a fresh CREATE gives, as an introspector would read it back: by Agno 2.x unless a version is given. */
export function freshState(type: string, table: string, flavor: Flavor, version = '2.5.6'): TableState {
  const def = resolveTableType(type).define(flavor, version);
  return {
    name: table,
    columns: def.columns.map(
      (c): ColumnState => ({
        name: c.name,
        dataType: DB_NAMES[flavor][c.type.kind],
        length: c.type.kind === 'string' ? (c.type.length ?? null) : null,
        nullable: c.nullable && !def.primaryKey.includes(c.name),
      }),
    ),
    indexes: indexesFor(def, table).map((i) => ({
      name: i.name,
      columns: i.columns,
      unique: i.unique,
      valid: true,
      ...(i.where ? { where: i.where } : {}),
    })),
    primaryKey: def.primaryKey.length > 0 ? { name: `${table}_pkey`, columns: def.primaryKey } : null,
    uniqueConstraints: [
      ...def.uniqueConstraints.map((u) => ({ name: `${table}_${u.suffix}`, columns: u.columns })),
      ...def.columns.filter((c) => c.unique).map((c) => ({ name: `${table}_${c.name}_key`, columns: [c.name] })),
    ],
  };
}

export const graph = new VersionGraph('2.0.0', AGNO_STEPS);
/** Verifies `state` as a table of `type` recorded at `recorded`; `names` renames the tables it references. */
export const verify = (
  type: string,
  flavor: Flavor,
  state: TableState,
  recorded: string | null,
  names?: Readonly<Record<string, string>>,
) =>
  verifyTable({
    dialect: new RenderingDialect(flavor),
    graph,
    info: resolveTableType(type),
    table: state.name,
    state,
    recorded,
    current: recorded ?? '2.0.0',
    ...(names ? { names } : {}),
  });
export const mapColumn = (s: TableState, name: string, f: (c: ColumnState) => ColumnState | null): TableState => ({
  ...s,
  columns: s.columns.flatMap((c) => (c.name === name ? [f(c)].filter((x): x is ColumnState => x !== null) : [c])),
  indexes: s.indexes.filter((i) => !(i.columns.includes(name) && f(s.columns.find((c) => c.name === name)!) === null)),
});
export const kinds = (r: ReturnType<typeof verify>) => r.findings.map((f) => `${f.kind} ${f.column ?? (f.columns ?? []).join(',')}`);
