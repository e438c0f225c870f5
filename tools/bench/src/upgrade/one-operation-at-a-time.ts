import type { Dialect } from '@agno-migrate/core';
import { renderEachOperation } from '@agno-migrate/core';
import { withEmitter } from '../support/dialect-override.js';

/**
 * The dialect rendering each operation on its own, as Agno's migrations write them (one statement
 * per column and key change): a run of it sends Agno's own statement sequence, which the bench
 * captures and replays beside the tool's fused plan.
 */
export function oneOperationAtATime(dialect: Dialect): Dialect {
  return withEmitter(dialect, (emitter) => ({ renderPlan: (ops, ctx) => renderEachOperation(emitter, ops, ctx) }));
}
