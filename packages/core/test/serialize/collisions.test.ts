/**
 * The one collision rule: a displaced value is kept under `extra.ecsctx_collisions` as
 * `{ path, value }`, its value as text; a list already there is extended, never written.
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { appendCollisions, collisionText, COLLISIONS_KEY } from '../../src/serialize/collisions';
import { UNREADABLE_MARKER } from '../../src/serialize/markers';

describe('collisions', () => {
  it('keeps a string as it is, anything else as JSON text, and an unwritable value as a marker', () => {
    expect(collisionText('A')).toBe('A');
    expect(collisionText({ o: 1 })).toBe('{"o":1}');
    expect(collisionText(undefined)).toBe('undefined');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(collisionText(cyclic)).toBe(UNREADABLE_MARKER);
    expect(collisionText(1n)).toBe(UNREADABLE_MARKER);
  });

  test.prop([fc.array(fc.record({ path: fc.string(), value: fc.string() })), fc.array(fc.record({ path: fc.string(), value: fc.string() }), { minLength: 1 })])(
    'appends after the entries already there, and never writes the list it was given',
    (before, added) => {
      const list = [...before];
      const extra: Record<string, unknown> = { [COLLISIONS_KEY]: list };
      appendCollisions(extra, added);
      expect(extra[COLLISIONS_KEY]).toEqual([...before, ...added]);
      expect(list).toEqual(before);
    },
  );
});
