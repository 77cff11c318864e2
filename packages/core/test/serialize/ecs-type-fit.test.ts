/**
 * `src/serialize/ecs-type-fit.ts` directly: whether a JSON value fits the Elasticsearch type of
 * its ECS 1.12.0 field, type by type (`null` fits everything, arrays fit when every item fits):
 * a value fits only when Elasticsearch's mapping for the type accepts it (real calendar dates,
 * longs below 2^63, geo points in range).
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { ALLOWED_VALUES_PREFIX, fitsEcsType } from '../../src/serialize/ecs-type-fit';
import type { EcsFieldType } from '../../src/ecs/ecs-fields.generated';

const fits = (type: EcsFieldType, value: unknown, path = 'x.y'): boolean => fitsEcsType(path, type, value);

describe('fitsEcsType', () => {
  it('null and undefined fit every type', () => {
    for (const type of ['keyword', 'long', 'ip', 'date', 'boolean', 'object', 'float'] as const) {
      expect(fits(type, null)).toBe(true);
      expect(fits(type, undefined)).toBe(true);
    }
  });

  it.each(['keyword', 'wildcard', 'match_only_text', 'constant_keyword'] as const)('%s: strings, numbers and booleans fit; objects do not', (type) => {
    expect(fits(type, 'a')).toBe(true);
    expect(fits(type, 1.5)).toBe(true);
    expect(fits(type, false)).toBe(true);
    expect(fits(type, { a: 1 })).toBe(false);
    expect(fits(type, [{ a: 1 }])).toBe(false);
  });

  it('a field with allowed values (event.*) takes only one of them, and no number or boolean', () => {
    expect(ALLOWED_VALUES_PREFIX).toBe('event.');
    expect(fitsEcsType('event.outcome', 'keyword', 'success')).toBe(true);
    expect(fitsEcsType('event.outcome', 'keyword', 'maybe')).toBe(false);
    expect(fitsEcsType('event.outcome', 'keyword', 1)).toBe(false);
    expect(fitsEcsType('event.category', 'keyword', ['web', 'session'])).toBe(true);
    expect(fitsEcsType('event.category', 'keyword', ['web', 'nope'])).toBe(false);
    expect(fitsEcsType('event.kind', 'keyword', 'event')).toBe(true);
    expect(fitsEcsType('event.type', 'keyword', 'info')).toBe(true);
    expect(fitsEcsType('event.action', 'keyword', 'anything')).toBe(true);
  });

  it('long: integers within ±2^63; integer: within 32 bits', () => {
    expect(fits('long', 9_007_199_254_740_991)).toBe(true);
    expect(fits('long', -5)).toBe(true);
    expect(fits('long', 1.5)).toBe(false);
    expect(fits('long', '5')).toBe(false);
    expect(fits('long', 1e19)).toBe(false);
    expect(fits('long', 2 ** 63)).toBe(false);
    expect(fits('long', -(2 ** 63))).toBe(false); // written -9223372036854776000: past the range as text
    expect(fits('long', -(2 ** 63) + 1024)).toBe(true);
    expect(fits('long', 2 ** 63 - 1024)).toBe(true);
    expect(fits('long', Infinity)).toBe(false);
    expect(fits('integer', 2_147_483_647)).toBe(true);
    expect(fits('integer', -2_147_483_648)).toBe(true);
    expect(fits('integer', 2_147_483_648)).toBe(false);
    expect(fits('integer', -2_147_483_649)).toBe(false);
  });

  it('float: finite numbers within float range', () => {
    expect(fits('float', 1.5)).toBe(true);
    expect(fits('scaled_float', -3)).toBe(true);
    expect(fits('float', 3.4028234663852886e38)).toBe(true);
    expect(fits('float', 3.5e38)).toBe(false);
    expect(fits('float', NaN)).toBe(false);
    expect(fits('float', '1.5')).toBe(false);
  });

  it('boolean: booleans only', () => {
    expect(fits('boolean', true)).toBe(true);
    expect(fits('boolean', 'true')).toBe(false);
    expect(fits('boolean', 1)).toBe(false);
  });

  it('ip: an IPv4 or IPv6 address, a zone index allowed', () => {
    for (const ip of ['10.0.0.1', '::1', 'fe80::1%eth0', '2001:db8::ff00:42:8329']) expect(fits('ip', ip), ip).toBe(true);
    for (const ip of ['not-an-ip', '256.1.1.1', '10.0.0', '', 167772161]) expect(fits('ip', ip), String(ip)).toBe(false);
  });

  it('date: an ISO-8601 date or epoch milliseconds (number or text)', () => {
    for (const d of ['2025-11-25', '2024-02-29T23:59:59Z', '2025-11-25T03:16:14.123+01:00', '2025-11-25T03:16:14,5-0530', '2025-11-25T03:16+18:00', 1_764_040_574_000, 1_764_040_574_000.25, '1764040574000', '-1.5']) {
      expect(fits('date', d), String(d)).toBe(true);
    }
    for (const d of ['yesterday', 'not a date', '25/11/2025', '2025-11-25T03', 'T03:16', Infinity, true]) expect(fits('date', d), String(d)).toBe(false);
  });

  it('date: a calendar date and time that exist, an offset within ±18:00, epoch milliseconds a Date reaches', () => {
    const misfits = [
      '2024-13-45T99:99:99Z',
      '2025-00-10',
      '2025-02-29',
      '2025-04-31',
      '2025-11-25T24:00Z',
      '2025-11-25T03:60Z',
      '2025-11-25T03:16:60Z',
      '2025-11-25T03:16+19:00',
      '2025-11-25 03:16', // strict_date_optional_time takes only a T
      '1.1234567', // more decimals than epoch_millis reads
      1e21,
      9e15,
      '99999999999999999999',
    ];
    for (const d of misfits) expect(fits('date', d), String(d)).toBe(false);
  });

  it.each(['object', 'nested', 'flattened'] as const)('%s: objects only', (type) => {
    expect(fits(type, { a: 1 })).toBe(true);
    expect(fits(type, 'a')).toBe(false);
    expect(fits(type, 1)).toBe(false);
    expect(fits(type, [{ a: 1 }])).toBe(true);
    expect(fits(type, [1])).toBe(false);
  });

  it('geo_point: a point in any form Elasticsearch parses, or a list of them, latitude and longitude in range', () => {
    const points = [
      { lat: 1, lon: 2 },
      { lat: '41.12', lon: -71.34 },
      { type: 'Point', coordinates: [-71.34, 41.12] },
      '41.12,-71.34',
      'POINT (-71.34 41.12)',
      'drm3btev3e86',
      [-71.34, 41.12],
      [-71.34, 41.12, 10],
      [{ lat: 1, lon: 2 }, '41.12,-71.34', [-71.34, 41.12]],
    ];
    for (const p of points) expect(fits('geo_point', p), JSON.stringify(p)).toBe(true);
    const misfits = [
      5,
      { lat: 'a', lon: 1 },
      { lat: 91, lon: 1 },
      { lat: 1, lon: -181 },
      { lat: 1 },
      { lat: 1, lon: 2, alt: 3 },
      { type: 'Point', coordinates: [200, 0] },
      '91,0',
      'POINT (0 95)',
      'garbage!',
      [1],
      [1, 2, 3, 4],
      [0, 95],
      [[1, 2], { lat: 100, lon: 0 }],
      [[[1, 2]]],
    ];
    for (const p of misfits) expect(fits('geo_point', p), JSON.stringify(p)).toBe(false);
  });

  it('arrays fit when every item fits, nested arrays and null items included', () => {
    expect(fits('long', [1, null, [2, [3]]])).toBe(true);
    expect(fits('long', [1, [2, ['x']]])).toBe(false);
    expect(fits('long', [])).toBe(true);
  });

  test.prop([fc.array(fc.oneof(fc.integer(), fc.string(), fc.constant(null)), { maxLength: 6 })])('an array of long fits exactly when each item does', (items) => {
    expect(fits('long', items)).toBe(items.every((i) => i === null || fits('long', i)));
  });
});
