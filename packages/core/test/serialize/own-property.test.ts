/**
 * `src/serialize/own-property.ts` directly: `setOwn` writes `__proto__` as data, `isPlainObject`
 * is false for a Proxy, `readOwn` and `isErrorObject` never throw, and `deepMerge` merges into a
 * new object, collecting each value it displaced with its path.
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { deepMerge, isErrorObject, isPlainObject, readOwn, setOwn, type DisplacedValue } from '../../src/serialize/own-property';
import { GETTER_THREW } from '../../src/serialize/markers';
import { revokedProxy, throwingGetter, trapProxy } from '../support/hostile';

function protoData(value: unknown): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  setOwn(o, '__proto__', value);
  return o;
}

describe('setOwn', () => {
  it('writes __proto__ as an own enumerable data key, the prototype untouched', () => {
    const o = protoData({ polluted: true });
    expect(Object.getPrototypeOf(o)).toBe(Object.prototype);
    expect(Object.keys(o)).toEqual(['__proto__']);
    expect(Object.getOwnPropertyDescriptor(o, '__proto__')).toEqual({ value: { polluted: true }, enumerable: true, writable: true, configurable: true });
    expect((o as { polluted?: unknown }).polluted).toBeUndefined();
    expect(JSON.stringify(o)).toBe('{"__proto__":{"polluted":true}}');
  });

  it('writes other keys as assignment does', () => {
    const o: Record<string, unknown> = { a: 1 };
    setOwn(o, 'a', 2);
    setOwn(o, 'constructor', 'c');
    expect(o).toEqual({ a: 2, constructor: 'c' });
  });
});

describe('isPlainObject', () => {
  it('is true for {} and null-prototype objects only', () => {
    expect(isPlainObject({})).toBe(true);
    expect(isPlainObject(Object.create(null))).toBe(true);
    expect(isPlainObject(JSON.parse('{"__proto__":{"a":1}}'))).toBe(true);
    for (const v of [null, undefined, 1, 'a', [], new Date(), new Map(), new Error('x'), new (class A {})(), () => 1]) expect(isPlainObject(v)).toBe(false);
  });

  it('is false for any Proxy, a revoked one and one whose trap throws included', () => {
    expect(isPlainObject(new Proxy({}, {}))).toBe(false);
    expect(isPlainObject(revokedProxy())).toBe(false);
    expect(isPlainObject(trapProxy('getPrototypeOf'))).toBe(false);
  });
});

describe('readOwn and isErrorObject', () => {
  it('readOwn gives the marker when the read throws', () => {
    expect(readOwn({ a: 1 }, 'a')).toBe(1);
    expect(readOwn(throwingGetter(), 'boom')).toBe(GETTER_THREW);
    expect(readOwn(revokedProxy(), 'a')).toBe(GETTER_THREW);
  });

  it('isErrorObject is instanceof Error, false when the check throws', () => {
    expect(isErrorObject(new TypeError('x'))).toBe(true);
    expect(isErrorObject({ message: 'x', stack: 'y' })).toBe(false);
    expect(isErrorObject('Error')).toBe(false);
    expect(isErrorObject(trapProxy('getPrototypeOf'))).toBe(false);
    expect(isErrorObject(revokedProxy())).toBe(false);
  });
});

describe('deepMerge', () => {
  it('merges nested plain objects; source wins; neither input changes', () => {
    const target = { a: 1, n: { x: 1, y: 1 }, keep: 'k' };
    const source = { a: 2, n: { y: 2, z: 2 } };
    const before = structuredClone([target, source]);
    const out = deepMerge(target, source);
    expect(out).toEqual({ a: 2, n: { x: 1, y: 2, z: 2 }, keep: 'k' });
    expect([target, source]).toEqual(before);
    expect(out.n).not.toBe(target.n);
    expect(out.n).not.toBe(source.n);
  });

  it('skips undefined values of source; arrays and class instances replace', () => {
    const date = new Date(0);
    expect(deepMerge({ a: 1, l: [1, 2], d: { x: 1 } }, { a: undefined, l: [3], d: date })).toEqual({ a: 1, l: [3], d: date });
  });

  it('keeps __proto__ keys as data on both sides', () => {
    const out = deepMerge(protoData({ a: 1 }), protoData({ b: 2 }));
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(['__proto__']);
    expect(JSON.stringify(out)).toBe('{"__proto__":{"a":1,"b":2}}');
  });

  it('collects each displaced value with its path', () => {
    const displaced: DisplacedValue[] = [];
    const out = deepMerge({ a: 1, o: { p: 'old', q: { r: 1 } }, s: 'same', v: 'scalar' }, { a: 2, o: { p: 'new', q: 5 }, s: 'same', v: { now: 'object' } }, 32, displaced, 'extra.');
    expect(out).toEqual({ a: 2, o: { p: 'new', q: 5 }, s: 'same', v: { now: 'object' } });
    expect(displaced).toEqual([
      { path: 'extra.a', value: 1 },
      { path: 'extra.o.p', value: 'old' },
      { path: 'extra.o.q', value: { r: 1 } },
      { path: 'extra.v', value: 'scalar' },
    ]);
  });

  it('keeps nesting deeper than maxDepth by reference', () => {
    const deep = { c: { d: 1 } };
    const out = deepMerge({ a: { b: { c: { e: 2 } } } }, { a: { b: deep } }, 1);
    expect((out.a as { b: unknown }).b).toBe(deep);
  });

  it('reads a throwing getter as the marker', () => {
    expect(deepMerge({ a: 1 }, throwingGetter())).toEqual({ a: 1, boom: GETTER_THREW });
  });

  test.prop([fc.dictionary(fc.string({ maxLength: 3 }), fc.jsonValue({ maxDepth: 2 })), fc.dictionary(fc.string({ maxLength: 3 }), fc.jsonValue({ maxDepth: 2 }))])(
    'every key of source is in the result with its value (plain objects merged), inputs unchanged',
    (target, source) => {
      const before = structuredClone([target, source]);
      const out = deepMerge(target, source);
      expect([target, source]).toEqual(before);
      for (const key of Object.keys(source)) {
        const v = source[key];
        if (isPlainObject(v) && isPlainObject(target[key])) expect(out[key]).toEqual(deepMerge(target[key] as Record<string, unknown>, v));
        else expect(out[key]).toEqual(v);
      }
      for (const key of Object.keys(target)) if (!(key in source)) expect(out[key]).toEqual(target[key]);
    },
  );
});
