import type { Db } from '../dialect/db.js';
import type { RunContext } from './run-context.js';

/** Holds the run lock around `body`, released on every exit path (the generator's finally runs on throw too). */
export function* withLock<T>(ctx: RunContext, enabled: boolean, body: () => Db<T>): Db<T> {
  if (!enabled) return yield* body();
  ctx.emit({ type: 'lock-waiting', name: ctx.lock.name });
  const name = ctx.lock.name;
  yield* ctx.dialect.lock.acquire({ ...ctx.lock, onContended: (holder) => ctx.emit({ type: 'lock-contended', name, holder }) });
  ctx.emit({ type: 'lock-acquired', name: ctx.lock.name });
  let result: T;
  try {
    result = yield* body();
  } catch (error) {
    // The run's own error is the one to report; a release that fails as well must not replace it.
    try {
      yield* ctx.dialect.lock.release(ctx.lock);
    } catch {
      // deliberately ignored
    }
    throw error;
  }
  yield* ctx.dialect.lock.release(ctx.lock);
  return result;
}
