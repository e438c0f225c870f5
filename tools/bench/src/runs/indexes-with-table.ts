import type { Dialect, Emitter } from '@agno-migrate/core';

/**
 * The dialect with its runs copy as PostgreSQL ran it before: every index declared with the runs
 * table (and the table stamped at creation) instead of the late ones built after the load. Only
 * the copy's `indexesAfterCopy` flag differs; every statement of the copy itself is the dialect's.
 */
export function withIndexesDeclared(dialect: Dialect): Dialect {
  const emitter = new Proxy(dialect.emitter, {
    get(target, key) {
      if (key === 'runsSql') {
        return () => {
          const sql = target.runsSql?.();
          return sql && Object.create(sql, { indexesAfterCopy: { value: false } });
        };
      }
      const value = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as Emitter;
  return new Proxy(dialect, {
    get(target, key) {
      if (key === 'emitter') return emitter;
      const value = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
