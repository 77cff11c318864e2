/**
 * `src/serialize/value-kinds.ts` directly: the Elasticsearch kind of a value (arrays by their
 * items, flattened), and `homogenize`, which writes an array of mixed kinds as text.
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { homogenize, isOneKind, Kind, kindOf, kindsOf } from '../../src/serialize/value-kinds';

describe('kindOf and kindsOf', () => {
  it('give the kind of each JSON value', () => {
    expect(kindOf('a')).toBe(Kind.String);
    expect(kindOf(1)).toBe(Kind.Integer);
    expect(kindOf(1.5)).toBe(Kind.Fraction);
    expect(kindOf(true)).toBe(Kind.Boolean);
    expect(kindOf(null)).toBe(Kind.None);
    expect(kindOf({})).toBe(Kind.Object);
    expect(kindOf([])).toBe(Kind.None);
  });

  it('OR the kinds of array items, nested arrays flattened, nulls not counted', () => {
    expect(kindsOf(['a', null, 'b'])).toBe(Kind.String);
    expect(kindsOf([1, [2, [3.5]]])).toBe(Kind.Integer | Kind.Fraction);
    expect(kindsOf([{}, ['x']])).toBe(Kind.Object | Kind.String);
    expect(kindOf([true, [false]])).toBe(Kind.Boolean);
  });

  it('isOneKind is true for no kind or exactly one', () => {
    expect(isOneKind(Kind.None)).toBe(true);
    for (const k of [Kind.String, Kind.Integer, Kind.Fraction, Kind.Boolean, Kind.Object]) expect(isOneKind(k)).toBe(true);
    expect(isOneKind(Kind.Integer | Kind.Fraction)).toBe(false);
    expect(isOneKind(Kind.String | Kind.Object)).toBe(false);
  });
});

describe('homogenize', () => {
  it('returns an array of one kind as it is (the same array, unchanged)', () => {
    const items = [{ a: 1 }, null, { b: 2 }];
    expect(homogenize(items)).toBe(items);
    expect(items).toEqual([{ a: 1 }, null, { b: 2 }]);
    expect(homogenize(['a', 'b'])).toEqual(['a', 'b']);
  });

  it('writes the non-strings of a mixed array as their JSON text, in place; nulls stay', () => {
    const items: unknown[] = [1, 'x', { a: 1 }, null, true, 1.5, [2]];
    expect(homogenize(items)).toBe(items);
    expect(items).toEqual(['1', 'x', '{"a":1}', null, 'true', '1.5', '[2]']);
    // integers and fractions are two kinds for Elasticsearch (long then float)
    expect(homogenize([1, 2.5])).toEqual(['1', '2.5']);
  });

  test.prop([fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 8 })])('its output holds at most one kind and keeps every item', (items) => {
    const copy = structuredClone(items);
    const out = homogenize(items);
    expect(isOneKind(kindsOf(out))).toBe(true);
    expect(out).toHaveLength(copy.length);
    if (!isOneKind(kindsOf(copy))) {
      copy.forEach((item, i) => expect(out[i]).toEqual(item === null || typeof item === 'string' ? item : JSON.stringify(item)));
    } else {
      expect(out).toEqual(copy);
    }
  });
});
