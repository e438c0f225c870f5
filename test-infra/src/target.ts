import type { Dialect, Flavor } from '@agno-migrate/core';

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
  /** `--db` (and `--schema`) arguments for driving the CLI against this database. */
  cliArgs(): string[];
  /** Raw SQL outside the tool, for fixtures and assertions. Placeholders are `?`; targets convert. */
  exec(sql: string, params?: readonly unknown[]): Promise<void>;
  rows(sql: string, params?: readonly unknown[]): Promise<Record<string, unknown>[]>;
  quoteIdent(name: string): string;
  /** Quoted, namespace-qualified table name. */
  qualify(table: string): string;
  close(): Promise<void>;
}

export interface TestTarget {
  readonly name: 'sqlite' | 'postgres' | 'mysql' | 'singlestore';
  /** Why the target cannot run here, or null when it can. */
  unavailableReason(): Promise<string | null>;
  create(): Promise<TestDatabase>;
}
