/**
 * `@timestamp` comes from a per-second prefix and a millisecond suffix instead of a
 * `toISOString` call per millisecond: the text must be exactly `toISOString`'s for any sequence
 * of times (forward, backward, across seconds, years and eras, fractional). (The `@timestamp`
 * of logged lines is tested with the renderer, `test/formats/render-ecs.test.ts`.)
 */
import { describe, expect, it } from 'vitest';
import { fc, test as fcTest } from '@fast-check/vitest';
import { IsoTimestamps } from '../../src/serialize/iso-timestamp';

/** The range of times a Date can hold (±8.64e15 ms). */
const MAX_TIME = 8.64e15;
/** 0000-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z: the years `toISOString` writes with four digits. */
const FIRST_SHORT_YEAR_TIME = -62_167_219_200_000;
const LAST_SHORT_YEAR_TIME = 253_402_300_799_999;

describe('IsoTimestamps', () => {
  fcTest.prop([
    // any time a Date holds, and as often one in a four-digit year (the cached second's range)
    fc.oneof(fc.integer({ min: -MAX_TIME, max: MAX_TIME }), fc.integer({ min: FIRST_SHORT_YEAR_TIME, max: LAST_SHORT_YEAR_TIME })),
    fc.array(fc.oneof(fc.integer({ min: -1500, max: 2500 }), fc.integer({ min: -1e11, max: 1e11 }), fc.double({ min: -3000, max: 3000, noNaN: true })), { maxLength: 40 }),
  ])('gives toISOString’s text for any walk of times', (start, steps) => {
    const timestamps = new IsoTimestamps();
    let time = start;
    for (const step of [0, ...steps]) {
      const next = time + step;
      if (Math.abs(next) > MAX_TIME) continue;
      time = next;
      expect(timestamps.text(time)).toBe(new Date(time).toISOString());
    }
  });

  it('is right at the edges of a second, before and after 1970, and for six-digit years', () => {
    const timestamps = new IsoTimestamps();
    const times = [
      1_764_040_573_999, 1_764_040_574_000, 1_764_040_574_001, 1_764_040_573_999, 1_764_040_574_999, 1_764_040_575_000,
      -1, 0, -1000, -999, -1001, 1, 999, 1000, -62_198_755_200_000, -62_198_755_200_001, 253_402_300_799_999,
      253_402_300_800_000, 253_402_300_800_001, MAX_TIME, -MAX_TIME, 1_764_040_574_000.5, 1_764_040_574_000.25, -0.5,
    ];
    for (const time of times) expect(timestamps.text(time), String(time)).toBe(new Date(time).toISOString());
  });

  it('truncates a fractional time toward zero, as a Date does, also just before 1970', () => {
    // near -1 s, time minus the second's start rounds to an integer that a Date would not give
    for (const [cached, time] of [
      [-500, -1.9999999999999998],
      [-1, -0.9999999999999999],
      [1_764_040_574_000, 1_764_040_574_000.9],
    ]) {
      const timestamps = new IsoTimestamps();
      timestamps.text(cached);
      expect(timestamps.text(time), String(time)).toBe(new Date(time).toISOString());
    }
  });

  it('throws what toISOString throws for a time that is not a date', () => {
    const timestamps = new IsoTimestamps();
    timestamps.text(1_764_040_574_000);
    for (const time of [Number.NaN, MAX_TIME + 1, Infinity]) {
      expect(() => timestamps.text(time)).toThrow(RangeError);
      expect(() => new Date(time).toISOString()).toThrow(RangeError);
    }
    expect(timestamps.text(1_764_040_574_001)).toBe('2025-11-25T03:16:14.001Z');
  });
});
