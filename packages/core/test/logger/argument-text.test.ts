/**
 * `src/logger/argument-text.ts` directly: an argument left over by a call is always text, so
 * `extra.args` keeps one type from line to line.
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { argumentText } from '../../src/logger/argument-text';
import { revokedProxy, throwingGetter } from '../support/hostile';

describe('argumentText', () => {
  it('writes scalars as String does, objects and arrays as the JSON of their bounded copy', () => {
    expect([argumentText('a'), argumentText(3), argumentText(true), argumentText(null), argumentText(undefined), argumentText(10n)]).toEqual(['a', '3', 'true', 'null', 'undefined', '10']);
    expect(argumentText({ b: [1, 2] })).toBe('{"b":[1,2]}');
    const cyclic: Record<string, unknown> = { id: 1 };
    cyclic.self = cyclic;
    expect(argumentText(cyclic)).toBe('{"id":1,"self":"[Circular]"}');
  });

  it('marks what cannot be read', () => {
    expect(argumentText({ a: throwingGetter() })).toContain('[getter threw]');
    expect(() => argumentText(revokedProxy())).not.toThrow();
  });

  test.prop([fc.anything()])('is always a string and never throws', (value) => {
    expect(typeof argumentText(value)).toBe('string');
  });
});
