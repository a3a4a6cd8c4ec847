// A sync repository seen through its async port (src/app/ports/async.port.ts): each method's result
// (or throw) becomes a settled Promise. The SQLite repos stay sync; this lets code written against the
// async ports run on SQLite too, and the repository contract tests hold both dialects to one suite.
import type { Async } from '../app/ports/async.port.js';

export function asAsync<T extends object>(repo: T): Async<T> {
  return new Proxy(repo, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        try {
          return Promise.resolve((value as (...a: unknown[]) => unknown).apply(target, args));
        } catch (err) {
          return Promise.reject(err);
        }
      };
    },
  }) as unknown as Async<T>;
}
