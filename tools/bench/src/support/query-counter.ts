import Database from 'better-sqlite3';
import mysql from 'mysql2';
import pg from 'pg';
import type { DatabaseKind } from './config.js';

/**
 * Counts the statements a process sends through a driver, at the driver: every contender (ours,
 * Knex, Kysely, the floor) is counted the same way, whatever its own logging reports.
 */
export interface QueryCounter {
  readonly count: number;
  reset(): void;
  /** Puts the driver back as it was. */
  stop(): void;
}

type Method = (this: unknown, ...args: unknown[]) => unknown;

function patch(target: Record<string, unknown>, names: readonly string[], onCall: () => void): () => void {
  const originals = names.map((name) => [name, target[name] as Method] as const);
  for (const [name, original] of originals) {
    target[name] = function counted(this: unknown, ...args: unknown[]) {
      onCall();
      return original.apply(this, args);
    };
  }
  return () => {
    for (const [name, original] of originals) target[name] = original;
  };
}

function prototypesOf(kind: DatabaseKind): { target: Record<string, unknown>; methods: string[] }[] {
  switch (kind) {
    case 'postgres':
      return [{ target: pg.Client.prototype as unknown as Record<string, unknown>, methods: ['query'] }];
    case 'mysql':
      return [
        {
          target: (mysql as unknown as { Connection: { prototype: Record<string, unknown> } }).Connection.prototype,
          methods: ['query', 'execute'],
        },
      ];
    case 'sqlite': {
      // Statement objects come from prepare(); their prototype is only reachable through one.
      const probe = new Database(':memory:');
      const statementPrototype = Object.getPrototypeOf(probe.prepare('SELECT 1')) as Record<string, unknown>;
      probe.close();
      return [
        { target: statementPrototype, methods: ['run', 'all', 'get', 'iterate'] },
        { target: Database.prototype as unknown as Record<string, unknown>, methods: ['exec'] },
      ];
    }
  }
}

export function countQueries(kind: DatabaseKind): QueryCounter {
  let count = 0;
  const restores = prototypesOf(kind).map(({ target, methods }) => patch(target, methods, () => count++));
  return {
    get count() {
      return count;
    },
    reset() {
      count = 0;
    },
    stop() {
      for (const restore of restores.reverse()) restore();
    },
  };
}
