/**
 * `boundedJsonCopy` (what `@ecsctx/bullmq` captures into a job): the line's own walk without
 * masking, so its markers are the line's. JSON.stringify of the copy never throws, whatever
 * the value.
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { boundedJsonCopy } from '../../src/serialize/json-copy';
import { CIRCULAR_MARKER, GETTER_THREW, tooDeepMarker } from '../../src/serialize/markers';
import { hostileObject, materialize, revokedProxy, throwingGetter } from '../support/hostile';

describe('boundedJsonCopy', () => {
  it('replaces a cycle, a throwing getter and what is nested too deep with the line markers', () => {
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    expect(boundedJsonCopy(cyclic, 8)).toEqual({ name: 'loop', self: CIRCULAR_MARKER });
    expect(boundedJsonCopy({ hostile: throwingGetter() }, 8)).toEqual({ hostile: { boom: GETTER_THREW } });
    const deep = { a: { b: { c: { d: 1 } } } };
    expect(boundedJsonCopy(deep, 2)).toEqual({ a: { b: tooDeepMarker('Object', 2) } });
    expect(boundedJsonCopy(deep, 8)).toEqual(deep);
  });

  it('copies a shared (not cyclic) object at each place, BigInt as text, a Date as ISO text', () => {
    const shared = { k: 1 };
    expect(boundedJsonCopy({ a: shared, b: [shared], n: 10n, d: new Date(0) }, 8)).toEqual({ a: { k: 1 }, b: [{ k: 1 }], n: '10', d: '1970-01-01T00:00:00.000Z' });
  });

  test.prop([hostileObject, fc.integer({ min: 1, max: 19 })], { numRuns: 200 })('JSON.stringify of the copy never throws, whatever the value', (recipe, depth) => {
    const value = materialize(recipe);
    const copy = boundedJsonCopy(value, depth);
    expect(() => JSON.stringify(copy)).not.toThrow();
    expect(() => boundedJsonCopy(revokedProxy(), depth)).not.toThrow();
  });
});
