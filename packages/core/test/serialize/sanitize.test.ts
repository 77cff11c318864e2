/**
 * `src/serialize/sanitize.ts`: `sanitizeRecord` and `sanitizeValue` turn any value into plain,
 * bounded JSON data and never throw, never modify their input (property tests over generated
 * hostile values).
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { sanitizeRecord, sanitizeValue } from '../../src/serialize/sanitize';
import { DEFAULT_SANITIZE_LIMITS, type SanitizeLimits } from '../../src/serialize/sanitize-limits';
import { newSanitizeReport } from '../../src/serialize/sanitize-report';
import { hostileMeta, hostileValue, materialize } from '../support/hostile';

const small: SanitizeLimits = { ...DEFAULT_SANITIZE_LIMITS, maxDepth: 3, maxStringLength: 20, maxKeys: 4, maxArrayItems: 3, maxFields: 12 };

/** A plain JSON tree: what the walk writes as it is. */
function isPlainJson(v: unknown, depth = 0): boolean {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  if (Array.isArray(v)) return v.every((x) => isPlainJson(x, depth + 1));
  if (typeof v === 'object') {
    const proto = Object.getPrototypeOf(v);
    return (proto === Object.prototype || proto === null) && Object.values(v).every((x) => isPlainJson(x, depth + 1));
  }
  return false;
}

/** True for the JSON text of an object or array. */
function isJsonText(v: string): boolean {
  try {
    const parsed: unknown = JSON.parse(v);
    return parsed !== null && typeof parsed === 'object';
  } catch {
    return false;
  }
}

describe('sanitizeRecord and sanitizeValue', () => {
  it('count depth from the record: its own keys are depth 1', () => {
    const limits = { ...DEFAULT_SANITIZE_LIMITS, maxDepth: 1 };
    expect(sanitizeRecord({ a: { b: 1 }, c: 2 }, limits, newSanitizeReport())).toEqual({ a: '[Object: nested deeper than 1]', c: 2 });
    expect(sanitizeValue({ a: { b: 1 } }, limits, newSanitizeReport())).toEqual({ a: '[Object: nested deeper than 1]' });
    expect(sanitizeValue('message', limits, newSanitizeReport())).toBe('message');
  });

  test.prop([hostileMeta, fc.constantFrom(small, DEFAULT_SANITIZE_LIMITS)], { numRuns: 300 })(
    'never throw on hostile values; the output is plain JSON data that round-trips',
    (recipe, limits) => {
      const report = newSanitizeReport();
      const out = sanitizeRecord(materialize(recipe) as Record<string, unknown>, limits, report);
      expect(isPlainJson(out)).toBe(true);
      // (compared as text: JSON has no -0, which a number field may hold and writes as 0)
      const text = JSON.stringify(out);
      expect(JSON.stringify(JSON.parse(text))).toBe(text);
      const one = sanitizeValue(materialize(recipe), limits, newSanitizeReport());
      expect(() => JSON.stringify(one)).not.toThrow();
    },
  );

  test.prop([hostileValue], { numRuns: 200 })('keep every cap: strings, keys, items, fields', (recipe) => {
    const out = sanitizeValue(materialize(recipe), small, newSanitizeReport());
    let fields = 0;
    const check = (v: unknown): void => {
      if (typeof v === 'string') {
        // (an object or array in an array of mixed kinds is written as its JSON text, whole)
        if (!isJsonText(v)) expect(v.replace(/…\[truncated \d+ chars\]$/, '').length, v).toBeLessThanOrEqual(Math.max(small.maxStringLength, 32));
      }
      else if (Array.isArray(v)) {
        expect(v.length).toBeLessThanOrEqual(small.maxArrayItems + 1);
        v.forEach(check);
      } else if (v !== null && typeof v === 'object') {
        const keys = Object.keys(v).filter((k) => k !== '…');
        fields += keys.length;
        expect(keys.length).toBeLessThanOrEqual(small.maxKeys);
        Object.values(v).forEach(check);
      }
    };
    check(out);
    expect(fields).toBeLessThanOrEqual(small.maxFields);
  });

  test.prop([fc.dictionary(fc.string({ maxLength: 4 }), fc.jsonValue({ maxDepth: 4 }), { maxKeys: 6 }), fc.constantFrom(small, DEFAULT_SANITIZE_LIMITS)])(
    'leave the input as it was',
    (input, limits) => {
      const before = structuredClone(input);
      sanitizeRecord(input, limits, newSanitizeReport());
      expect(input).toEqual(before);
    },
  );

  it('leave a hostile input as it was (own keys and values)', () => {
    const arr: unknown[] = ['x', 2];
    const o: Record<string, unknown> = { a: 'b.c', 'a.b': 1, arr, big: 'y'.repeat(50), deep: { d: { e: { f: 1 } } } };
    o.self = o;
    const snapshot = { keys: Object.keys(o), arr: [...arr], big: o.big, deep: JSON.stringify(o.deep) };
    sanitizeRecord(o, small, newSanitizeReport());
    expect({ keys: Object.keys(o), arr: [...arr], big: o.big, deep: JSON.stringify(o.deep) }).toEqual(snapshot);
    expect(o.self).toBe(o);
    expect(Object.isFrozen(o)).toBe(false);
  });
});
