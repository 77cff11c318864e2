/**
 * `src/serialize/hostile-reads.ts` directly: a read that throws gives `[getter threw]` and is
 * counted on the report; `hasToJson` and `hasPlainPrototype` answer for hostile objects.
 */
import { describe, expect, it } from 'vitest';
import { hasPlainPrototype, hasToJson, readIndex, readProperty } from '../../src/serialize/hostile-reads';
import { GETTER_THREW } from '../../src/serialize/markers';
import { newSanitizeReport } from '../../src/serialize/sanitize-report';
import { revokedProxy, throwingGetter, trapProxy } from '../support/hostile';

describe('readProperty and readIndex', () => {
  it('read a value, or give the marker and count it when the read throws', () => {
    const report = newSanitizeReport();
    expect(readProperty({ a: 1 }, 'a', report)).toBe(1);
    expect(readProperty({}, 'missing', report)).toBeUndefined();
    expect(report.getterErrors).toBe(0);
    expect(readProperty(throwingGetter(), 'boom', report)).toBe(GETTER_THREW);
    expect(readProperty(trapProxy('get'), 'a', report)).toBe(GETTER_THREW);
    expect(readProperty(revokedProxy(), 'a', report)).toBe(GETTER_THREW);
    expect(report.getterErrors).toBe(3);
    const items = [1, 2];
    Object.defineProperty(items, 1, { get() { throw new Error('index'); } });
    expect(readIndex(items, 0, report)).toBe(1);
    expect(readIndex(items, 1, report)).toBe(GETTER_THREW);
    expect(report.getterErrors).toBe(4);
    expect(report).toEqual({ ...newSanitizeReport(), getterErrors: 4 });
  });
});

describe('hasToJson', () => {
  it('is true for a toJSON function, own or inherited, and when reading it throws', () => {
    expect(hasToJson({ toJSON: () => 1 })).toBe(true);
    expect(hasToJson(new Date())).toBe(true);
    expect(hasToJson({ toJSON: 'no' })).toBe(false);
    expect(hasToJson({ a: 1 })).toBe(false);
    expect(hasToJson(Object.defineProperty({}, 'toJSON', { get() { throw new Error('x'); } }))).toBe(true);
    expect(hasToJson(trapProxy('get'))).toBe(true);
  });
});

describe('hasPlainPrototype', () => {
  it('is true for Object.prototype and null prototypes, a Proxy of one included', () => {
    expect(hasPlainPrototype({})).toBe(true);
    expect(hasPlainPrototype(Object.create(null))).toBe(true);
    expect(hasPlainPrototype(new Proxy({}, {}))).toBe(true);
    expect(hasPlainPrototype([])).toBe(false);
    expect(hasPlainPrototype(new (class A {})())).toBe(false);
    expect(hasPlainPrototype(new Map())).toBe(false);
  });

  it('throws what the Proxy throws (the caller guards it)', () => {
    expect(() => hasPlainPrototype(trapProxy('getPrototypeOf'))).toThrow('getPrototypeOf');
    expect(() => hasPlainPrototype(revokedProxy())).toThrow(TypeError);
  });
});
