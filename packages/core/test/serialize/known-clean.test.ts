/**
 * `src/serialize/known-clean.ts` directly: `markClean` freezes an object and marks it, so the
 * walk keeps it as it is; its JSON text is made once.
 */
import { describe, expect, it } from 'vitest';
import { cleanJsonText, isKnownClean, markClean } from '../../src/serialize/known-clean';

describe('markClean', () => {
  it('freezes and marks the object it is given, and returns it', () => {
    const value = { id: 'a', nested: { b: 1 } };
    expect(isKnownClean(value)).toBe(false);
    expect(markClean(value)).toBe(value);
    expect(Object.isFrozen(value)).toBe(true);
    expect(isKnownClean(value)).toBe(true);
    // only the object marked: its children are not
    expect(isKnownClean(value.nested)).toBe(false);
    // an equal object is not the marked one
    expect(isKnownClean({ id: 'a', nested: { b: 1 } })).toBe(false);
  });

  it('an object frozen by other code is not marked', () => {
    expect(isKnownClean(Object.freeze({ a: 1 }))).toBe(false);
  });
});

describe('cleanJsonText', () => {
  it('is the JSON text of the object, made on first use and kept', () => {
    const nested = { b: 1 };
    const value = markClean({ id: 'x"y', nested });
    expect(cleanJsonText(value)).toBe('{"id":"x\\"y","nested":{"b":1}}');
    // kept: a later change below a frozen object (its child is not frozen) is not seen
    nested.b = 2;
    expect(cleanJsonText(value)).toBe('{"id":"x\\"y","nested":{"b":1}}');
    expect(cleanJsonText(markClean({ id: 'z' }))).toBe('{"id":"z"}');
  });
});
