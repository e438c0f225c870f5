import type { Db } from '../dialect/db.js';
import type { RunContext } from './run-context.js';

/** Holds the run lock around `body`, released on every exit path (the generator's finally runs on throw too). */
export function* withLock<T>(ctx: RunContext, enabled: boolean, body: () => Db<T>): Db<T> {
  if (!enabled) return yield* body();
  ctx.emit({ type: 'lock-waiting', name: ctx.lock.name });
  yield* ctx.dialect.acquireLock(ctx.lock);
  ctx.emit({ type: 'lock-acquired', name: ctx.lock.name });
  try {
    return yield* body();
  } finally {
    yield* ctx.dialect.releaseLock(ctx.lock);
  }
}
