import type { Dialect } from '@agno-migrate/core';
import { withEmitter } from '../support/dialect-override.js';

/**
 * The dialect with its runs copy as PostgreSQL ran it before: every index declared with the runs
 * table (and the table stamped at creation) instead of the late ones built after the load. Only
 * the copy's `indexesAfterCopy` flag differs; every statement of the copy itself is the dialect's.
 */
export function withIndexesDeclared(dialect: Dialect): Dialect {
  return withEmitter(dialect, (emitter) => ({
    runsSql: () => {
      const sql = emitter.runsSql?.();
      return sql && Object.create(sql, { indexesAfterCopy: { value: false } });
    },
  }));
}
