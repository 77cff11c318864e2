/**
 * `src/serialize/dynamic-fit.ts` directly: in the items of an array of objects, the first value
 * of a path keeps it (Elasticsearch's dynamic mapping); a later value that does not fit that
 * first kind is taken out, in place, and returned with its dotted path. Flat arrays of alike
 * records are left as they are.
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { fitDynamicTypes } from '../../src/serialize/dynamic-fit';

const NONE = new Set<string>();

describe('fitDynamicTypes', () => {
  it('leaves a flat array of alike records untouched (the same array)', () => {
    const list = [{ sku: 'a', qty: 1 }, null, { sku: 'b', qty: '2' }];
    const fields = { extra: { list } };
    expect(fitDynamicTypes(fields, NONE)).toEqual([]);
    expect(fields.extra.list).toBe(list);
    expect(list).toEqual([{ sku: 'a', qty: 1 }, null, { sku: 'b', qty: '2' }]);
  });

  it.each([
    ['a number, then text that is no number', [{ a: 1 }, { a: 'x' }], [{ a: 1 }, {}], 'x'],
    ['a boolean, then other text', [{ a: true }, { a: 'yes' }], [{ a: true }, {}], 'yes'],
    ['an object, then a scalar', [{ a: { b: 1 } }, { a: 2 }], [{ a: { b: 1 } }, {}], 2],
    ['a scalar, then an object', [{ a: 'x' }, { a: { b: 1 } }], [{ a: 'x' }, {}], { b: 1 }],
  ])('the first kind keeps the path: %s', (_name, list, kept, out) => {
    const fields = { extra: { list } };
    expect(fitDynamicTypes(fields, NONE)).toEqual([{ path: 'extra.list.a', value: out }]);
    expect(fields.extra.list).toEqual(kept);
  });

  it.each([
    ['numbers then numeric text', [{ a: 1 }, { a: ' 2.5e3 ' }, { a: '-3' }, { a: 4.5 }]],
    ['text then any scalar', [{ a: 'x' }, { a: 1 }, { a: false }]],
    ['booleans then "true", "false", ""', [{ a: true }, { a: 'true' }, { a: 'false' }, { a: '' }]],
    ['null anywhere', [{ a: { b: 1 } }, { a: null }, null]],
  ])('later values that fit the first kind stay: %s', (_name, list) => {
    const before = structuredClone(list);
    const fields = { extra: { nested: { list: [...list, { deep: { x: 1 } }] } } };
    expect(fitDynamicTypes(fields, NONE)).toEqual([]);
    expect(fields.extra.nested.list.slice(0, -1)).toEqual(before);
  });

  it('takes a scalar item out of an array of objects, keeping the rest in order', () => {
    const fields = { extra: { list: [{ a: 1 }, 'x', { a: 2 }] } };
    expect(fitDynamicTypes(fields, NONE)).toEqual([{ path: 'extra.list', value: 'x' }]);
    expect(fields.extra.list).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it('a dotted key and a nested key reach the same path', () => {
    const first = { extra: { list: [{ 'a.b': 1 }, { a: 2 }] } };
    expect(fitDynamicTypes(first, NONE)).toEqual([{ path: 'extra.list.a', value: 2 }]);
    const second = { extra: { list: [{ a: 2 }, { 'a.b': 1 }] } };
    expect(fitDynamicTypes(second, NONE)).toEqual([{ path: 'extra.list.a.b', value: 1 }]);
    expect(second.extra.list).toEqual([{ a: 2 }, {}]);
    const same = { extra: { list: [{ a: { b: 1 } }, { 'a.b': '2' }, { 'a.b': 'x' }] } };
    expect(fitDynamicTypes(same, NONE)).toEqual([{ path: 'extra.list.a.b', value: 'x' }]);
    expect(same.extra.list).toEqual([{ a: { b: 1 } }, { 'a.b': '2' }, {}]);
  });

  it('walks arrays inside items and nested arrays, as Elasticsearch flattens them', () => {
    const fields = { extra: { list: [{ a: [1, 'x', [2, 'y']] }] } };
    expect(fitDynamicTypes(fields, NONE)).toEqual([
      { path: 'extra.list.a', value: 'x' },
      { path: 'extra.list.a', value: [2, 'y'] },
    ]);
    expect(fields.extra.list).toEqual([{ a: [1] }]);
    const nested = { extra: { list: [[{ a: 1 }], [{ a: 'z' }]] } };
    expect(fitDynamicTypes(nested, NONE)).toEqual([{ path: 'extra.list.a', value: 'z' }]);
    expect(nested.extra.list).toEqual([[{ a: 1 }], [{}]]);
  });

  it('skips the root keys given, root scalars and frozen objects', () => {
    const mixed = (): unknown[] => [{ a: 1 }, { a: 'x' }];
    const fields = { labels: { l: mixed() }, message: 'm', extra: Object.freeze({ l: mixed() }) };
    expect(fitDynamicTypes(fields, new Set(['labels']))).toEqual([]);
    expect(fields.labels.l).toEqual(mixed());
  });

  const item = fc.dictionary(fc.constantFrom('a', 'b', 'a.b', 'c'), fc.oneof(fc.integer(), fc.string({ maxLength: 3 }), fc.boolean(), fc.constant(null), fc.dictionary(fc.constantFrom('b', 'd'), fc.integer(), { maxKeys: 2 })), { maxKeys: 3 });
  test.prop([fc.array(fc.oneof(item, fc.integer(), fc.array(item, { maxLength: 2 })), { maxLength: 6 })])('once fitted, a line has nothing more to take out; values are moved, not lost', (list) => {
    const fields = { extra: { list: structuredClone(list) } };
    const displaced = fitDynamicTypes(fields, NONE);
    expect(fitDynamicTypes(fields, NONE)).toEqual([]);
    const leaves = (v: unknown): number => (Array.isArray(v) ? v.reduce((n: number, x) => n + leaves(x), 0) : v !== null && typeof v === 'object' ? Object.values(v).reduce((n: number, x) => n + leaves(x), 0) : 1);
    expect(leaves(fields.extra.list) + displaced.reduce((n, d) => n + leaves(d.value), 0)).toBe(leaves(list));
  });
});
