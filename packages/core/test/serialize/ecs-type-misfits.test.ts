/**
 * Lines from the real logger: for the ECS fields of type date, geo_point and long (taken from
 * the ECS 1.12.0 field table, under the field-sets kept at the root), a value Elasticsearch's
 * mapping accepts stays at its path, and one it would reject (a date that does not exist, a
 * point out of range, a long past 64 bits) moves to `extra` at the same path with its path in
 * `labels.ecsctx_moved`. Every line passes the shared ECS checker. Numbers kept are at most 9
 * digits or 19 starting with 9, coordinates have one decimal: the PII mask takes longer digit
 * runs (also "0.0001 -10.0001" in a geo string) for phone or card numbers.
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { createEcsLogger } from '@ecsctx/core';
import { ECS_FIELD_TYPES } from '../../src/ecs/ecs-fields.generated';
import { ECS_ROOT_FIELD_SETS } from '../../src/fields';
import { ecsErrors, lineSink } from '../support/hostile';

const ROOTS: ReadonlySet<string> = new Set(ECS_ROOT_FIELD_SETS);

/** The ECS fields of `type` whose field-set the logger keeps at the root. */
function fieldsOfType(type: string): string[] {
  const fields = Object.entries(ECS_FIELD_TYPES)
    .filter(([path, t]) => t === type && ROOTS.has(path.split('.')[0]))
    .map(([path]) => path);
  expect(fields.length).toBeGreaterThan(0);
  return fields;
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** The line written for `value` at `path`, given nested or as one dotted key. */
async function lineWith(path: string, value: unknown, dotted: boolean): Promise<Record<string, unknown>> {
  const { stream, lines } = lineSink();
  const meta = dotted ? { [path]: value } : path.split('.').reduceRight<unknown>((inner, key) => ({ [key]: inner }), value);
  createEcsLogger({ stream }).info('event_name', meta as Record<string, unknown>);
  await tick();
  expect(lines).toHaveLength(1);
  expect(await ecsErrors(lines[0])).toEqual([]);
  return JSON.parse(lines[0]) as Record<string, unknown>;
}

function at(record: unknown, path: string): unknown {
  let node: unknown = record;
  for (const key of path.split('.')) node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  return node;
}

async function expectKept(path: string, value: unknown, written: unknown, dotted: boolean): Promise<void> {
  const record = await lineWith(path, value, dotted);
  expect(at(record, path), path).toEqual(written);
  expect(at(record, 'labels.ecsctx_moved')).toBeUndefined();
}

/** `value` as a line writes it under `extra`: JSON's numbers, an array of mixed kinds as text. */
function underExtra(value: unknown, moved: unknown): unknown {
  const json: unknown = JSON.parse(JSON.stringify(value));
  if (!Array.isArray(json) || JSON.stringify(json) === JSON.stringify(moved)) return json;
  return json.map((item: unknown) => (typeof item === 'object' ? JSON.stringify(item) : String(item)));
}

/** The paths of empty objects in `record` (a move leaves none behind). */
function emptyObjects(record: unknown, prefix = ''): string[] {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) return [];
  const entries = Object.entries(record as Record<string, unknown>);
  if (entries.length === 0) return [prefix];
  return entries.flatMap(([key, value]) => emptyObjects(value, prefix === '' ? key : `${prefix}.${key}`));
}

async function expectMoved(path: string, value: unknown, dotted: boolean): Promise<void> {
  const record = await lineWith(path, value, dotted);
  expect(at(record, path), path).toBeUndefined();
  expect(emptyObjects(record).filter((p) => !p.startsWith('extra.')), path).toEqual([]);
  const moved = at(record, `extra.${path}`);
  expect(moved, path).toEqual(underExtra(value, moved));
  expect(at(record, 'labels.ecsctx_moved')).toBe(path);
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
const day = fc.date({ min: new Date('0000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true });

/** A date as a caller gives it, and as the line writes it. */
const validDate = fc.oneof(
  day.map((d) => [d, d.toISOString()] as const),
  day.map((d) => [d.toISOString(), d.toISOString()] as const),
  day.map((d) => [d.toISOString().slice(0, 10), d.toISOString().slice(0, 10)] as const),
  fc.integer({ min: -999_999_999, max: 999_999_999 }).map((ms) => [ms, ms] as const),
  fc.tuple(day, fc.integer({ min: -18, max: 18 })).map(([d, h]) => {
    const text = `${d.toISOString().slice(0, 19)}${h < 0 ? '-' : '+'}${pad(Math.abs(h))}:00`;
    return [text, text] as const;
  }),
);

/** A date-shaped text with one part out of range, or a form Elasticsearch does not parse. */
const invalidDate = fc.oneof(
  fc.tuple(fc.integer({ min: 13, max: 99 }), fc.integer({ min: 1, max: 28 })).map(([m, d]) => `2024-${pad(m)}-${pad(d)}T00:00:00Z`),
  fc.tuple(fc.constantFrom(2, 4, 6, 9, 11), fc.constant(31)).map(([m, d]) => `2023-${pad(m)}-${pad(d)}`),
  fc.integer({ min: 24, max: 99 }).map((h) => `2024-01-01T${pad(h)}:00:00Z`),
  fc.integer({ min: 60, max: 99 }).map((m) => `2024-01-01T10:${pad(m)}:00Z`),
  fc.integer({ min: 19, max: 99 }).map((h) => `2024-01-01T10:00:00+${pad(h)}:00`),
  day.map((d) => d.toISOString().replace('T', ' ')),
  fc.constantFrom('not a date', '2024-13-45T99:99:99Z', 'yesterday', '1.1234567', '99999999999999999999'),
  fc.double({ min: 8.64e15 + 1, max: 1e300, noNaN: true }),
);

/** A coordinate with at most one decimal (a whole number too), within ±`max`. */
const coordinate = (max: number): fc.Arbitrary<number> => fc.integer({ min: -max * 10 + 1, max: max * 10 - 1 }).map((n) => n / 10);
const lat = coordinate(90);
const lon = coordinate(180);
const validPoint = fc.tuple(lat, lon).chain(([a, o]) =>
  fc.constantFrom<unknown>({ lat: a, lon: o }, [o, a], `${a},${o}`, `POINT (${o} ${a})`, { type: 'Point', coordinates: [o, a] }),
);
const outOfRange = fc.oneof(fc.integer({ min: 901, max: 99_999 }), fc.integer({ min: -99_999, max: -901 })).map((n) => n / 10);
const invalidPoint = fc.oneof(
  fc.tuple(outOfRange, lon).map(([a, o]): unknown => ({ lat: a, lon: o })),
  fc.tuple(lat, outOfRange.map((x) => x * 2)).map(([a, o]): unknown => [o, a]),
  fc.tuple(outOfRange, lon).map(([a, o]): unknown => `${a},${o}`),
  lon.map((o): unknown => ({ lat: 'a', lon: o })),
  fc.tuple(lat, lon).map(([a, o]): unknown => ({ lat: a, lon: o, alt: 1 })),
  fc.constantFrom<unknown>('garbage!', [1], [1, 2, 3, 4], 5),
);

const LONG_LIMIT = 2 ** 63;
const validLong = fc.oneof(
  fc.integer({ min: -999_999_999, max: 999_999_999 }).map((n) => [n, n] as const),
  fc.constantFrom(-LONG_LIMIT + 1024, LONG_LIMIT - 1024).map((n) => [n, n] as const),
  fc.integer({ min: -1e9, max: 1e9 }).map((n) => [String(n), n] as const),
);
const invalidLong = fc.oneof(fc.double({ min: LONG_LIMIT, max: 1e300, noNaN: true }), fc.double({ min: -1e300, max: -LONG_LIMIT, noNaN: true }));

const RUNS = { numRuns: 40 };

describe('date fields', () => {
  const field = fc.constantFrom(...fieldsOfType('date'));
  test.prop([field, validDate, fc.boolean()], RUNS)('an existing date, or epoch milliseconds, stays', (path, [value, written], dotted) =>
    expectKept(path, value, written, dotted),
  );
  test.prop([field, invalidDate, fc.boolean()], RUNS)('a date that does not exist, or that Elasticsearch does not parse, moves', (path, value, dotted) =>
    expectMoved(path, value, dotted),
  );
});

describe('geo_point fields', () => {
  const field = fc.constantFrom(...fieldsOfType('geo_point'));
  test.prop([field, validPoint, fc.boolean()], RUNS)('a point in range, in any form, stays', (path, value, dotted) =>
    expectKept(path, value, JSON.parse(JSON.stringify(value)), dotted),
  );
  test.prop([field, invalidPoint, fc.boolean()], RUNS)('a point out of range or not a point moves', (path, value, dotted) => expectMoved(path, value, dotted));
  it('[lon, lat] of an integer and a fraction stays', async () => {
    await expectKept('client.geo.location', [13, 52.5], [13, 52.5], false);
    await expectKept('client.geo.location', [-74, 40.7128], [-74, 40.7128], true);
    await expectKept('client.geo.location', { type: 'Point', coordinates: [5.6, 0] }, { type: 'Point', coordinates: [5.6, 0] }, true);
  });
  it('a geohash of digits alone stays text', () => expectKept('client.geo.location', '1357', '1357', false));
});

describe('long fields', () => {
  const field = fc.constantFrom(...fieldsOfType('long'));
  test.prop([field, validLong, fc.boolean()], RUNS)('an integer within 64 bits stays (an integer text as its number)', (path, [value, written], dotted) =>
    expectKept(path, value, written, dotted),
  );
  test.prop([field, invalidLong, fc.boolean()], RUNS)('a number past 64 bits moves', (path, value, dotted) => expectMoved(path, value, dotted));
});
