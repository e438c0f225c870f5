import { columnTypeName } from '../sql/column-types.js';
import type { ColumnDef, LogicalType } from '../catalog/types.js';
import type { Dialect } from '../dialect/dialect.js';
import type { TableState } from '../dialect/table-state.js';
import { addColumn } from '../operations/add-column.js';
import { createIndex } from '../operations/create-index.js';
import { dropIndex } from '../operations/drop-index.js';
import { jsonToJsonb } from '../operations/json-to-jsonb.js';
import { addPrimaryKey, dropPrimaryKey } from '../operations/primary-key.js';
import { setNotNull } from '../operations/set-not-null.js';
import { specOf } from '../operations/specs.js';
import type { Operation, OperationContext } from '../operations/types.js';
import { addUnique } from '../operations/unique.js';
import type { Difference } from './compare.js';
import { describeLiveType } from './type-match.js';
import type { Finding, Fix } from './types.js';

export interface FixContext {
  readonly dialect: Dialect;
  readonly tableType: string;
  readonly table: string;
  readonly state: TableState;
  readonly recorded: string;
}

/** The catalog type as the dialect declares it (`VARCHAR(128)`, `JSONB`). */
function describeType(dialect: Dialect, type: LogicalType): string {
  try {
    return dialect.emitter.columnType(type);
  } catch {
    // an unsized string on a dialect that needs a length: the generic name says enough
  }
  return columnTypeName(type);
}

interface Described {
  readonly what: string;
  readonly fix: Fix;
  readonly expected?: string;
  readonly actual?: string;
}

/** SQL for a repair, or null when the dialect cannot do it in place. */
function render(ctx: FixContext, ops: readonly Operation[], state = ctx.state): string[] | null {
  const opCtx: OperationContext = { table: ctx.table, capabilities: ctx.dialect.capabilities };
  const out: string[] = [];
  let current = state;
  try {
    for (const op of ops) {
      out.push(...ctx.dialect.emitter.renderOperation(op, current, opCtx).map((s) => ctx.dialect.emitter.inlineParams(s)));
      current = specOf(op).apply(op, current);
    }
  } catch {
    return null;
  }
  return out.length > 0 ? out : null;
}

const sqlFix = (statements: string[] | null, otherwise: string): Fix =>
  statements ? { kind: 'sql', statements } : { kind: 'manual', text: otherwise };

function columnFix(ctx: FixContext, d: Difference): Described {
  const column = d.column as ColumnDef;
  const live = ctx.state.columns.find((c) => c.name === column.name);
  switch (d.kind) {
    case 'missing-column': {
      const declared = `${describeType(ctx.dialect, column.type)}${column.nullable ? '' : ' NOT NULL'}`;
      if (column.nullable) {
        return {
          what: `column ${column.name} (${declared}) is missing`,
          fix: sqlFix(render(ctx, [addColumn(column)]), `add column ${column.name} ${declared}`),
        };
      }
      const add = render(ctx, [addColumn({ ...column, nullable: true })]);
      const withColumn = specOf(addColumn(column)).apply(addColumn({ ...column, nullable: true }), ctx.state);
      const notNull = render(ctx, [setNotNull(column.name)], withColumn);
      const fix: Fix =
        add && notNull
          ? { kind: 'sql', statements: [...add, ...notNull], note: `fill ${column.name} in every row between them` }
          : { kind: 'manual', text: `add column ${column.name} ${declared}, filling existing rows` };
      return { what: `column ${column.name} (${declared}) is missing`, fix };
    }
    case 'extra-column':
      return {
        what: `column ${column.name} is not in Agno's schema`,
        fix: { kind: 'manual', text: 'Agno ignores it, so drop it only if nothing else uses it' },
      };
    case 'wrong-type': {
      const expected = describeType(ctx.dialect, column.type);
      const actual = live ? describeLiveType(live) : 'unknown';
      const convert = column.type.kind === 'json' ? render(ctx, [jsonToJsonb(column.name)]) : null;
      return {
        what: `column ${column.name} is ${actual}, Agno declares ${expected}`,
        fix: sqlFix(convert, `change its type to ${expected} (check the stored values convert)`),
        expected,
        actual,
      };
    }
    default: {
      const wantNull = column.nullable;
      if (wantNull) {
        return {
          what: `column ${column.name} is NOT NULL, Agno declares it nullable and writes NULL there`,
          fix: { kind: 'manual', text: `allow NULL in ${column.name}` },
          expected: 'NULL',
          actual: 'NOT NULL',
        };
      }
      return {
        what: `column ${column.name} allows NULL, Agno declares it NOT NULL`,
        fix: sqlFix(render(ctx, [setNotNull(column.name)]), `fill its NULLs, then set ${column.name} NOT NULL`),
        expected: 'NOT NULL',
        actual: 'NULL',
      };
    }
  }
}

function keyFix(ctx: FixContext, d: Difference): Described {
  const cols = (d.columns ?? []).join(', ');
  const rebuild = `${ctx.dialect.name} cannot change the primary key of an existing table: rebuild it (create it as Agno does under another name, copy the rows, swap the names)`;
  switch (d.kind) {
    case 'missing-primary-key':
      return {
        what: `the primary key (${cols}) is missing`,
        fix: ctx.dialect.capabilities.alterPrimaryKey
          ? sqlFix(render(ctx, [addPrimaryKey(d.columns ?? [])]), rebuild)
          : { kind: 'manual', text: rebuild },
      };
    case 'different-primary-key': {
      const live = (ctx.state.primaryKey?.columns ?? []).join(', ');
      return {
        what: `the primary key is (${live}), Agno's is (${cols})`,
        fix: ctx.dialect.capabilities.alterPrimaryKey
          ? sqlFix(render(ctx, [dropPrimaryKey(), addPrimaryKey(d.columns ?? [])]), rebuild)
          : { kind: 'manual', text: rebuild },
      };
    }
    case 'missing-foreign-key':
      return foreignKeyFix(ctx, d);
    case 'missing-unique': {
      const name = d.name ?? `${ctx.table}_${(d.columns ?? []).join('_')}_key`;
      return {
        what: `the unique constraint on (${cols}) is missing`,
        fix: sqlFix(render(ctx, [addUnique(name, d.columns ?? [])]), `add UNIQUE (${cols})`),
      };
    }
    default: {
      const name = d.name ?? `idx_${ctx.table}_${(d.columns ?? []).join('_')}`;
      const kind = d.unique ? 'unique index' : 'index';
      if (d.where) {
        const partial = ctx.dialect.emitter.partialUniqueIndex(ctx.table, name, d.columns ?? [], d.where);
        // An index already holding the name (a full one, or another predicate) must go first.
        const taken = ctx.state.indexes.some((i) => i.name === name) ? (render(ctx, [dropIndex(name)]) ?? []) : [];
        return {
          what: `the ${kind} ${name} on (${cols}) WHERE ${d.where} is missing`,
          fix: partial
            ? { kind: 'sql', statements: [...taken, ctx.dialect.emitter.inlineParams(partial)] }
            : { kind: 'manual', text: `${ctx.dialect.name} has no partial indexes: create ${kind} ${name} on (${cols}) another way` },
        };
      }
      return {
        what: `the ${kind} ${name} on (${cols}) is missing`,
        fix: sqlFix(render(ctx, [createIndex(name, d.columns ?? [], d.unique ?? false)]), `create ${kind} ${name} on (${cols})`),
      };
    }
  }
}

/**
 * A dialect that cannot change an existing table's keys in place (SQLite, see alterPrimaryKey)
 * cannot add a foreign key either: the table must be rebuilt.
 */
function foreignKeyFix(ctx: FixContext, d: Difference): Described {
  const refs = d.references!;
  const cols = (d.columns ?? []).join(', ');
  const target = `${refs.table} (${refs.columns.join(', ')})`;
  const onDelete = refs.onDelete ? ` ON DELETE ${refs.onDelete}` : '';
  const live = d.liveForeignKey;
  const what = live
    ? `the foreign key (${cols}) → ${target} has ON DELETE ${live.onDelete}, Agno's has ON DELETE ${refs.onDelete ?? 'NO ACTION'}`
    : `the foreign key (${cols}) → ${target}${onDelete} is missing`;
  if (!ctx.dialect.capabilities.alterPrimaryKey) {
    return {
      what,
      fix: {
        kind: 'manual',
        text: `${ctx.dialect.name} cannot add a foreign key to an existing table: rebuild it (create it as Agno does under another name, copy the rows, swap the names)`,
      },
    };
  }
  const key = { name: d.name, columns: d.columns ?? [], refTable: refs.table, refColumns: refs.columns, onDelete: refs.onDelete };
  const statements = ctx.dialect.emitter
    .addForeignKey(ctx.table, key, live?.name ?? undefined)
    .map((s) => ctx.dialect.emitter.inlineParams(s));
  return { what, fix: { kind: 'sql', statements } };
}

/** The one line a person reads: what differs, then what to do. */
export function fixMessage(what: string, fix: Fix): string {
  switch (fix.kind) {
    case 'force-up':
      return `${what}: step ${fix.step} is not applied here; run up again with force for table type ${fix.tableType}`;
    case 'sql':
      return `${what}: run ${fix.statements.length > 1 ? 'these' : 'this'}: ${fix.statements.join('; ')}${fix.note ? ` (${fix.note})` : ''}`;
    default:
      return `${what}: ${fix.text}`;
  }
}

/** Turns a difference into a finding; `forceStep` is the step that repairs it when the versions row lies. */
export function toFinding(ctx: FixContext, d: Difference, forceStep: string | undefined): Finding {
  const described: Described = d.column ? columnFix(ctx, d) : keyFix(ctx, d);
  const fix: Fix = forceStep ? { kind: 'force-up', tableType: ctx.tableType, step: forceStep } : described.fix;
  const what = forceStep ? `${described.what}, though the versions row says ${ctx.recorded}` : described.what;
  return {
    kind: d.kind,
    ...(d.column ? { column: d.column.name } : {}),
    ...(d.columns ? { columns: d.columns } : {}),
    ...(d.name ? { name: d.name } : {}),
    ...(described.expected ? { expected: described.expected } : {}),
    ...(described.actual ? { actual: described.actual } : {}),
    fix,
    what,
    message: fixMessage(what, fix),
  };
}
