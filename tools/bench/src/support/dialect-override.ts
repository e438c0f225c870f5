import type { Dialect, Emitter } from '@agno-migrate/core';

/** A proxy of `target` whose `overrides` replace its own members; the rest stay bound to it. */
function overriding<T extends object>(target: T, overrides: Partial<T>): T {
  return new Proxy(target, {
    get(object, key) {
      if (Object.hasOwn(overrides, key)) return overrides[key as keyof T];
      const value = Reflect.get(object, key, object);
      return typeof value === 'function' ? value.bind(object) : value;
    },
  });
}

/**
 * The dialect with some members of its emitter replaced: how the bench runs the tool as it ran
 * before a change (a baseline beside the current behaviour) without a second copy of its code.
 */
export function withEmitter(dialect: Dialect, overrides: (emitter: Emitter) => Partial<Emitter>): Dialect {
  return overriding(dialect, { emitter: overriding(dialect.emitter, overrides(dialect.emitter)) });
}
