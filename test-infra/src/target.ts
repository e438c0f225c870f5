import type { Dialect, Flavor } from '@agno-migrate/core';
import type { TargetTraits } from './traits.js';

/**
 * How a separate Node process builds the dialect under test: `(await import(module))[factory](options)`.
 * The module is the dialect package's built entry (a file URL or path), so the process needs no
 * TypeScript and no package of the caller's.
 */
export interface ChildDialectModule {
  readonly module: string;
  readonly factory: string;
}

/** A child dialect's module with the options of one database (JSON: they cross a process boundary). */
export interface ChildDialect extends ChildDialectModule {
  readonly options: Readonly<Record<string, unknown>>;
}

/**
 * One isolated database for one test file: a temporary SQLite file, a fresh PostgreSQL schema, a
 * fresh MySQL database. Conformance suites are written once against this interface.
 */
export interface TestDatabase {
  readonly flavor: Flavor;
  /** The namespace the tables live in (schema / database), undefined for SQLite. */
  readonly namespace: string | undefined;
  /** A dialect bound to this database; each call returns a new one (a new connection on use). */
  dialect(): Dialect;
  /** How another process builds the same dialect; undefined when the target does not say. */
  childDialect(): ChildDialect | undefined;
  /** `--db` (and `--schema`) arguments for driving the CLI against this database. */
  cliArgs(): string[];
  /** Raw SQL outside the tool, for fixtures and assertions. Placeholders are `?`; targets convert. */
  exec(sql: string, params?: readonly unknown[]): Promise<void>;
  rows(sql: string, params?: readonly unknown[]): Promise<Record<string, unknown>[]>;
  quoteIdent(name: string): string;
  /** Quoted, namespace-qualified table name. */
  qualify(table: string): string;
  /** `DROP INDEX` of one of a table's indexes, in this database's words. */
  dropIndexSql(table: string, index: string): string;
  /** Every table of the namespace (or file), sorted. */
  tableNames(): Promise<string[]>;
  close(): Promise<void>;
}

export interface TestTarget {
  readonly name: 'sqlite' | 'postgres' | 'mysql' | 'singlestore';
  /** What the conformance suites expect of this database where databases differ. */
  readonly traits: TargetTraits;
  /** Why the target cannot run here, or null when it can. */
  unavailableReason(): Promise<string | null>;
  create(): Promise<TestDatabase>;
}
