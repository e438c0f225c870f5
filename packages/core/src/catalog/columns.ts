import type { ColumnDef, Flavor, LogicalType } from './types.js';

/**
 * Column builders that encode how Agno declares a field on each flavour, so table files read like
 * the spec's tables: one line per column.
 */
type Options = { nullable?: boolean; index?: boolean; unique?: boolean };

function column(name: string, type: LogicalType, options: Options): ColumnDef {
  return {
    name,
    type,
    nullable: options.nullable ?? true,
    ...(options.index ? { index: true } : {}),
    ...(options.unique ? { unique: true } : {}),
  };
}

export interface ColumnBuilders {
  /** VARCHAR(n) on MySQL-family flavours (n per flavour when `lengths` differ), VARCHAR elsewhere. */
  str(name: string, length: number | Partial<Record<Flavor, number>>, options?: Options): ColumnDef;
  /**
   * Unbounded VARCHAR: for the tables Agno declares on PostgreSQL and SQLite only, which never
   * give a string a length (a MySQL-family dialect has no such table to create).
   */
  varchar(name: string, options?: Options): ColumnDef;
  /** TEXT everywhere except SQLite, where Agno declares long fields as VARCHAR. */
  longText(name: string, options?: Options): ColumnDef;
  /** TEXT on every flavour (the MCP OAuth tables). */
  text(name: string, options?: Options): ColumnDef;
  /** JSONB on PostgreSQL, JSON elsewhere. */
  json(name: string, options?: Options): ColumnDef;
  bigint(name: string, options?: Options): ColumnDef;
  /** INTEGER on PostgreSQL, BIGINT on SQLite (Agno's SQLite schemas use BigInteger). */
  integer(name: string, options?: Options): ColumnDef;
  boolean(name: string, options?: Options): ColumnDef;
  date(name: string, options?: Options): ColumnDef;
}

export function columnBuilders(flavor: Flavor): ColumnBuilders {
  const sized = flavor === 'mysql' || flavor === 'singlestore';
  return {
    str(name, length, options = {}) {
      if (!sized) return column(name, { kind: 'string' }, options);
      const n = typeof length === 'number' ? length : (length[flavor] ?? length.mysql);
      if (n === undefined) throw new Error(`catalog: no ${flavor} length for ${name}`);
      return column(name, { kind: 'string', length: n }, options);
    },
    varchar: (name, options = {}) => column(name, { kind: 'string' }, options),
    longText: (name, options = {}) => column(name, flavor === 'sqlite' ? { kind: 'string' } : { kind: 'text' }, options),
    text: (name, options = {}) => column(name, { kind: 'text' }, options),
    json: (name, options = {}) => column(name, { kind: 'json' }, options),
    bigint: (name, options = {}) => column(name, { kind: 'bigint' }, options),
    integer: (name, options = {}) => column(name, flavor === 'postgres' ? { kind: 'integer' } : { kind: 'bigint' }, options),
    boolean: (name, options = {}) => column(name, { kind: 'boolean' }, options),
    date: (name, options = {}) => column(name, { kind: 'date' }, options),
  };
}

export const NOT_NULL = { nullable: false } as const;
export const INDEXED = { index: true } as const;
export const NOT_NULL_INDEXED = { nullable: false, index: true } as const;
