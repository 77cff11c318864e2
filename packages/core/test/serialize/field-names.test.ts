/**
 * `src/serialize/field-names.ts` directly: keys Elasticsearch takes as field names are kept,
 * the others rewritten (dots → `_`, blank → `_`); `fieldNamePrefix` is `"key":` for kept keys.
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { cachedFieldNamePrefix, fieldNamePrefix, safeFieldName } from '../../src/serialize/field-names';

describe('safeFieldName', () => {
  it.each(['a', 'a.b', 'a.b.c', 'a_b', 'é', '@timestamp', 'a b', 'x.y z'])('keeps %j', (key) => {
    expect(safeFieldName(key)).toBe(key);
  });

  it.each([
    ['', '_'],
    ['   ', '_'],
    ['\t', '_'],
    ['.a', '_a'],
    ['a.', 'a_'],
    ['a..b', 'a__b'],
    ['a. .b', 'a_ _b'],
    ['a. ', 'a_ '],
    [' a', ' a'],
    [' a.b', ' a_b'],
    ['.', '_'],
  ])('rewrites %j as %j', (key, name) => {
    expect(safeFieldName(key)).toBe(name);
  });

  test.prop([fc.string({ maxLength: 8 })])('its output is kept as it is (a fixed point) and has no empty part', (key) => {
    const name = safeFieldName(key);
    expect(safeFieldName(name)).toBe(name);
    expect(name.trim()).not.toBe('');
    for (const part of name.split('.')) if (name.includes('.')) expect(part.trim()).not.toBe('');
  });
});

describe('fieldNamePrefix', () => {
  it('is the JSON text of a kept key and a colon, undefined for a rewritten key', () => {
    expect(fieldNamePrefix('a.b')).toBe('"a.b":');
    expect(fieldNamePrefix('q"\\')).toBe('"q\\"\\\\":');
    expect(fieldNamePrefix('a..b')).toBeUndefined();
    expect(fieldNamePrefix('')).toBeUndefined();
    expect(cachedFieldNamePrefix('line\n')).toBe('"line\\n":');
    expect(cachedFieldNamePrefix('line\n')).toBe('"line\\n":');
    expect(cachedFieldNamePrefix('.x')).toBeUndefined();
  });

  test.prop([fc.string({ maxLength: 8 })])('the cached prefix is the prefix', (key) => {
    expect(cachedFieldNamePrefix(key)).toBe(fieldNamePrefix(key));
    if (fieldNamePrefix(key) !== undefined) expect(JSON.parse(`{${fieldNamePrefix(key)}1}`)).toEqual({ [key]: 1 });
  });
});
