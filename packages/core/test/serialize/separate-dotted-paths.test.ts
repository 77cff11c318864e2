/**
 * `src/serialize/separate-dotted-paths.ts` directly: a dotted key whose path starts with a
 * sibling key is written with its dots as `_`, so Elasticsearch never maps one field as a value
 * and an object; no value is lost.
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { separateDottedPaths } from '../../src/serialize/separate-dotted-paths';

describe('separateDottedPaths', () => {
  it('returns the same object when no dotted key clashes', () => {
    const record = { a: 1, 'b.c': 2, 'x.y.z': 3 };
    expect(separateDottedPaths(record)).toBe(record);
    expect(record).toEqual({ a: 1, 'b.c': 2, 'x.y.z': 3 });
  });

  it('renames a dotted key that starts with a sibling key, at any depth of the path', () => {
    expect(separateDottedPaths({ a: 1, 'a.b': 2 })).toEqual({ a: 1, a_b: 2 });
    expect(separateDottedPaths({ 'a.b': 1, 'a.b.c': 2, d: 3 })).toEqual({ 'a.b': 1, a_b_c: 2, d: 3 });
    expect(Object.keys(separateDottedPaths({ 'a.b': 2, a: 1 }))).toEqual(['a_b', 'a']);
  });

  it('keeps both values when the new name is taken: the later one gets its index', () => {
    expect(separateDottedPaths({ a: 1, 'a.b': 2, a_b: 3 })).toEqual({ a: 1, a_b_1: 2, a_b: 3 });
    expect(separateDottedPaths({ a: 1, a_b: 3, 'a.b': 2 })).toEqual({ a: 1, a_b: 3, a_b_2: 2 });
  });

  it('writes a __proto__ key as data, and leaves the input alone', () => {
    const record: Record<string, unknown> = { a: 1, 'a.b': 2 };
    Object.defineProperty(record, '__proto__', { value: { p: 1 }, enumerable: true, writable: true, configurable: true });
    const out = separateDottedPaths(record);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(['a', 'a.b', '__proto__'].map((k) => (k === 'a.b' ? 'a_b' : k)));
    expect(Object.keys(record)).toEqual(['a', 'a.b', '__proto__']);
  });

  test.prop([fc.dictionary(fc.stringMatching(/^[ab](\.[ab_]){0,2}$/), fc.integer(), { maxKeys: 6 })])('keeps every value, and no key left is a path prefix of another', (record) => {
    const out = separateDottedPaths(record);
    expect(Object.values(out).sort()).toEqual(Object.values(record).sort());
    const keys = Object.keys(out);
    for (const k of keys) for (const other of keys) if (k !== other) expect(other.startsWith(k + '.'), `${k} / ${other}`).toBe(false);
  });
});
