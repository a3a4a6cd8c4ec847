// Narrowing assertions for discriminated unions: assert the discriminant (the test fails when it is
// another one) and hand back the narrowed value, so no expect() hides behind an `if`.
import { expect } from 'vitest';

type Tagged<K extends string> = { [P in K]: string | boolean };

/** `value[key]` must be `tag`; returns `value` narrowed to that member of the union. */
export function expectTag<T extends Tagged<K>, K extends string, const V extends T[K]>(value: T, key: K, tag: V): Extract<T, Record<K, V>> {
  expect(value[key], `${key} of ${describe(value)}`).toBe(tag);
  return value as Extract<T, Record<K, V>>;
}

/** `value.kind` must be `kind` (e.g. `expectKind(decision, 'fail').reason`). */
export const expectKind = <T extends { kind: string }, const V extends T['kind']>(value: T, kind: V): Extract<T, { kind: V }> =>
  expectTag(value, 'kind', kind) as Extract<T, { kind: V }>;

/** A `{ ok: true } | { ok: false }` result must be ok / not ok; returns it narrowed. */
export function expectOk<T extends { ok: boolean }>(value: T): Extract<T, { ok: true }> {
  expect(value.ok, `ok of ${describe(value)}`).toBe(true);
  return value as Extract<T, { ok: true }>;
}

export function expectNotOk<T extends { ok: boolean }>(value: T): Extract<T, { ok: false }> {
  expect(value.ok, `ok of ${describe(value)}`).toBe(false);
  return value as Extract<T, { ok: false }>;
}

function describe(value: unknown): string {
  try {
    const s = JSON.stringify(value);
    return s && s.length > 200 ? `${s.slice(0, 200)}…` : String(s);
  } catch {
    return String(value);
  }
}
