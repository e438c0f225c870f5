import { describe, expect, it } from 'vitest';
import type { Connection, Db } from '../src/dialect/db.js';
import { query, runSync } from '../src/dialect/db.js';
import { DatabaseError, LockTimeoutError } from '../src/errors.js';
import type { MigrationEvent } from '../src/manager/events.js';
import { retryLockWaits } from '../src/manager/lock-wait-retry.js';
import type { RunContext } from '../src/manager/run-context.js';

const connection: Connection = {
  query: async () => ({ rows: [], affectedRows: 0 }),
  close: async () => {},
  querySync: () => ({ rows: [], affectedRows: 0 }),
};

function context(timeoutMs: number, events: MigrationEvent[]): RunContext {
  return {
    lock: { name: 'l', timeoutMs },
    dialect: { errors: { translate: (e: unknown) => e } } as unknown as RunContext['dialect'],
    emit: (e: MigrationEvent) => events.push(e),
  } as unknown as RunContext;
}

const busy = () => new DatabaseError('canceling statement due to lock timeout', { kind: 'busy' });

/** A step that fails with `errors` in turn, then answers 'done'. */
function scripted(errors: Error[]) {
  let attempts = 0;
  const attempt = function* (): Db<string> {
    attempts++;
    yield* query('ALTER TABLE t ADD COLUMN c TEXT');
    const error = errors.shift();
    if (error) throw error;
    return 'done';
  };
  return { attempt, attempts: () => attempts };
}

describe('retryLockWaits', () => {
  it('runs a step again after a table-lock wait gave up, telling each retry', () => {
    const events: MigrationEvent[] = [];
    const step = scripted([busy(), busy()]);
    expect(runSync(retryLockWaits(context(10_000, events), 't', step.attempt), connection)).toBe('done');
    expect(step.attempts()).toBe(3);
    expect(events.map((e) => (e.type === 'table-lock-retry' ? e.attempt : null))).toEqual([1, 2]);
  });

  it('stops with a LockTimeoutError naming the table once the lock timeout is spent', () => {
    const step = scripted(Array.from({ length: 50 }, busy));
    const error = (() => {
      try {
        runSync(retryLockWaits(context(250, []), 'agno_memories', step.attempt), connection);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(LockTimeoutError);
    expect((error as Error).message).toMatch(/^agno_memories stayed locked by another session/);
    expect(step.attempts()).toBeGreaterThan(1);
    expect(step.attempts()).toBeLessThan(50);
  });

  it('does not retry any other error', () => {
    const failure = new DatabaseError('permission denied', { kind: 'permission' });
    const step = scripted([failure]);
    expect(() => runSync(retryLockWaits(context(10_000, []), 't', step.attempt), connection)).toThrow(failure);
    expect(step.attempts()).toBe(1);
  });

  it('with no lock timeout left, gives up at the first wait', () => {
    const step = scripted([busy()]);
    expect(() => runSync(retryLockWaits(context(0, []), 't', step.attempt), connection)).toThrow(LockTimeoutError);
    expect(step.attempts()).toBe(1);
  });
});
