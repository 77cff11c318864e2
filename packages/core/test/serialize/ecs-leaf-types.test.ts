/**
 * `src/serialize/ecs-leaf-types.ts` directly: `convertLeaf` converts a leaf to its ECS JSON
 * type only where nothing is lost; `alignEcsLeafTypes` converts a field-set's leaves in place
 * and, given a collector, takes out what still does not fit (with its dotted path); the
 * single-valued fields are the ECS logging spec's.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import {
  alignEcsLeafTypes,
  alignRecord,
  alignValue,
  convertLeaf,
  ecsFieldTree,
  isServiceName,
  SINGLE_VALUE_FIELDS,
  type MovedValues,
  type TypeNode,
} from '../../src/serialize/ecs-leaf-types';
import { ECS_FIELD_TYPES } from '../../src/ecs/ecs-fields.generated';
import { referenceDir } from '../support/capture';

/** The ECS logging spec's fields typed as one string or integer, less the line's head. */
const SPEC_SINGLE = Object.entries(JSON.parse(readFileSync(join(referenceDir, 'ecs', 'ecs-logging-spec.json'), 'utf8')).fields as Record<string, { type: string }>)
  .filter(([path, f]) => (f.type === 'string' || f.type === 'integer') && !['log.level', 'message', 'ecs.version'].includes(path))
  .map(([path]) => path);

function nodeAt(path: string): TypeNode {
  const parts = path.split('.');
  let node: TypeNode | undefined = ecsFieldTree()[parts[0]];
  for (let i = 1; i < parts.length; i++) node = node?.children?.[parts[i]];
  if (node === undefined) throw new Error(`no ECS node at ${path}`);
  return node;
}

function align(key: string, value: Record<string, unknown>): MovedValues {
  const moved: MovedValues = { paths: [], values: [] };
  alignEcsLeafTypes(key, value, moved);
  return moved;
}

describe('convertLeaf', () => {
  it.each(['keyword', 'wildcard', 'match_only_text', 'constant_keyword'] as const)('%s: a number or boolean becomes its text; strings, null and objects stay', (type) => {
    expect(convertLeaf(type, 42)).toBe('42');
    expect(convertLeaf(type, 1.5)).toBe('1.5');
    expect(convertLeaf(type, -0.25)).toBe('-0.25');
    expect(convertLeaf(type, true)).toBe('true');
    expect(convertLeaf(type, false)).toBe('false');
    expect(convertLeaf(type, 'x')).toBe('x');
    expect(convertLeaf(type, null)).toBeNull();
    const object = { a: 1 };
    expect(convertLeaf(type, object)).toBe(object);
  });

  it.each(['long', 'integer'] as const)('%s: an integer text of up to 15 digits becomes a number, a fraction is rounded; nothing else changes', (type) => {
    expect(convertLeaf(type, '200')).toBe(200);
    expect(convertLeaf(type, '-7')).toBe(-7);
    expect(convertLeaf(type, '999999999999999')).toBe(999_999_999_999_999);
    expect(convertLeaf(type, 1.5)).toBe(2);
    expect(convertLeaf(type, 1.4)).toBe(1);
    expect(convertLeaf(type, -2.5)).toBe(-2);
    expect(convertLeaf(type, 7)).toBe(7);
    // 16 digits may not be exact as a double; text that is not an integer stays text
    expect(convertLeaf(type, '1234567890123456')).toBe('1234567890123456');
    expect(convertLeaf(type, '1.5')).toBe('1.5');
    expect(convertLeaf(type, ' 200')).toBe(' 200');
    expect(convertLeaf(type, '+5')).toBe('+5');
    expect(convertLeaf(type, '')).toBe('');
    expect(convertLeaf(type, 'abc')).toBe('abc');
    expect(convertLeaf(type, true)).toBe(true);
    expect(convertLeaf(type, Infinity)).toBe(Infinity);
    expect(convertLeaf(type, null)).toBeNull();
  });

  it.each(['float', 'scaled_float'] as const)('%s: a number text becomes a number; other text stays', (type) => {
    expect(convertLeaf(type, '1.5')).toBe(1.5);
    expect(convertLeaf(type, '-2')).toBe(-2);
    expect(convertLeaf(type, '1e3')).toBe(1000);
    expect(convertLeaf(type, '2.5E-1')).toBe(0.25);
    expect(convertLeaf(type, '.5')).toBe('.5');
    expect(convertLeaf(type, '1.')).toBe('1.');
    expect(convertLeaf(type, 'NaN')).toBe('NaN');
    expect(convertLeaf(type, 'Infinity')).toBe('Infinity');
    expect(convertLeaf(type, 0.75)).toBe(0.75);
    expect(convertLeaf(type, false)).toBe(false);
  });

  it('boolean: "true" and "false" become booleans; nothing else changes', () => {
    expect(convertLeaf('boolean', 'true')).toBe(true);
    expect(convertLeaf('boolean', 'false')).toBe(false);
    expect(convertLeaf('boolean', 'TRUE')).toBe('TRUE');
    expect(convertLeaf('boolean', '')).toBe('');
    expect(convertLeaf('boolean', 1)).toBe(1);
    expect(convertLeaf('boolean', 0)).toBe(0);
  });

  it.each(['ip', 'date', 'object', 'geo_point', 'nested', 'flattened'] as const)('%s: every value stays as given', (type) => {
    for (const value of ['x', 1, 1.5, true, null, '200']) expect(convertLeaf(type, value)).toBe(value);
  });

  test.prop([fc.oneof(fc.integer(), fc.double({ noNaN: true }), fc.boolean())])('keyword: the text of a scalar reads back as the scalar', (value) => {
    const text = convertLeaf('keyword', value);
    expect(text).toBe(String(value));
  });

  test.prop([fc.integer({ min: -999_999_999_999_999, max: 999_999_999_999_999 })])('long: the text of an integer of up to 15 digits converts back to it exactly', (n) => {
    expect(convertLeaf('long', String(n))).toBe(n);
  });
});

describe('alignEcsLeafTypes', () => {
  it('converts the leaves of an ECS field-set in place', () => {
    const http = { response: { status_code: '200' }, request: { method: 7, headers: { 'x-n': 5 } } };
    expect(align('http', http)).toEqual({ paths: [], values: [] });
    expect(http).toEqual({ response: { status_code: 200 }, request: { method: '7', headers: { 'x-n': 5 } } });
  });

  it('converts the items of an array under a leaf', () => {
    const user = { id: 5, roles: [1, 'admin', true] };
    align('user', user);
    expect(user).toEqual({ id: '5', roles: ['1', 'admin', 'true'] });
  });

  it('leaves keys outside ECS, root keys outside ECS and frozen objects alone', () => {
    const custom = { id: 5, status_code: '200' };
    align('custom', custom);
    expect(custom).toEqual({ id: 5, status_code: '200' });
    const frozen = Object.freeze({ status_code: '200' });
    const http = { response: frozen };
    align('http', http);
    expect(http.response.status_code).toBe('200');
    const event = { duration: 1.5, made_up: '12' };
    align('event', event);
    expect(event).toEqual({ duration: 2, made_up: '12' });
  });

  it('takes out a leaf that does not fit its type after conversion, with its dotted path', () => {
    const http = { response: { status_code: 'abc', body: { bytes: '12' } } };
    const moved = align('http', http);
    expect(moved).toEqual({ paths: ['http.response.status_code'], values: ['abc'] });
    expect(http).toEqual({ response: { body: { bytes: 12 } } });
  });

  it('takes out a value outside an allowed-values list (event.*), keeps one inside it', () => {
    const event = { outcome: 'maybe', kind: 'event' };
    expect(align('event', event)).toEqual({ paths: ['event.outcome'], values: ['maybe'] });
    expect(event).toEqual({ kind: 'event' });
  });

  it('takes out an object under a leaf and a scalar under an object path', () => {
    const user = { id: { o: 1 } };
    expect(align('user', user)).toEqual({ paths: ['user.id'], values: [{ o: 1 }] });
    const http = { response: 5 };
    expect(align('http', http)).toEqual({ paths: ['http.response'], values: [5] });
    expect(http).toEqual({});
  });

  it('takes out an array whose converted items do not all fit, as converted', () => {
    const http = { response: { status_code: ['200', 'x'] } };
    expect(align('http', http)).toEqual({ paths: ['http.response.status_code'], values: [[200, 'x']] });
  });

  it('takes out a list under a single-valued field, keeps it under a field ECS allows lists in', () => {
    const error = { message: ['a', 'b'], id: ['e1', 'e2'] };
    expect(align('error', error)).toEqual({ paths: ['error.message'], values: [['a', 'b']] });
    expect(error).toEqual({ id: ['e1', 'e2'] });
    const event = { category: ['web', 'session'] };
    expect(align('event', event).paths).toEqual([]);
  });

  it.each([[''], ['   '], [['a']], [{ a: 1 }]])('takes out a service.name that is no name (%j)', (name) => {
    const service = { name, version: '1' };
    expect(align('service', service)).toEqual({ paths: ['service.name'], values: [name] });
    expect(service).toEqual({ version: '1' });
  });

  it('keeps a numeric service.name as its text (converted first, then a name)', () => {
    const service = { name: 5 };
    expect(align('service', service).paths).toEqual([]);
    expect(service).toEqual({ name: '5' });
  });

  it('checks a dotted key below a field-set at the path Elasticsearch expands it to', () => {
    const http = { 'response.status_code': 'abc', 'response.bytes': 3, 'made.up': 'x' };
    expect(align('http', http)).toEqual({ paths: ['http.response.status_code'], values: ['abc'] });
    expect(http).toEqual({ 'response.bytes': 3, 'made.up': 'x' });
    // a dotted key below a leaf asks the leaf to be an object
    const user = { 'id.x': 1 };
    expect(align('user', user)).toEqual({ paths: ['user.id.x'], values: [1] });
    // below a leaf of type object, a dotted key is fine
    const container = { 'labels.team': 'a' };
    expect(align('container', container).paths).toEqual([]);
  });

  it('without a collector converts and takes nothing out', () => {
    const http = { response: { status_code: 'abc', bytes: '5' } };
    alignEcsLeafTypes('http', http);
    expect(http).toEqual({ response: { status_code: 'abc', bytes: 5 } });
  });
});

describe('alignValue and alignRecord', () => {
  it('align one value under a node as alignEcsLeafTypes would', () => {
    expect(alignValue('200', nodeAt('http.response.status_code'))).toBe(200);
    expect(alignValue([1, { a: 1 }, null], nodeAt('user.roles'))).toEqual(['1', { a: 1 }, null]);
    const response = { status_code: '404' };
    expect(alignValue(response, nodeAt('http.response'))).toBe(response);
    expect(response.status_code).toBe(404);
    const record = { http: { response: { status_code: '500' } }, user: { id: 9 } };
    alignRecord(record, ecsFieldTree());
    expect(record).toEqual({ http: { response: { status_code: 500 } }, user: { id: '9' } });
  });
});

describe('the ECS field tree', () => {
  it('is built once, holds every ECS 1.12.0 leaf with its type', () => {
    expect(ecsFieldTree()).toBe(ecsFieldTree());
    for (const [path, type] of Object.entries(ECS_FIELD_TYPES)) expect(nodeAt(path).type, path).toBe(type);
  });

  it('marks the single-valued fields, and service.name as a name', () => {
    for (const path of SINGLE_VALUE_FIELDS) expect(nodeAt(path).single, path).toBe(true);
    expect(nodeAt('user.id').single).toBeUndefined();
    expect(nodeAt('service.name').named).toBe(true);
    expect(nodeAt('service.version').named).toBeUndefined();
  });

  it("the single-valued fields are the ECS logging spec's strings and integers", () => {
    expect([...SINGLE_VALUE_FIELDS].sort()).toEqual([...SPEC_SINGLE].sort());
  });
});

describe('isServiceName', () => {
  it('is true for one non-blank string only', () => {
    expect(isServiceName('billing')).toBe(true);
    expect(isServiceName(' a ')).toBe(true);
    for (const value of ['', ' \t', 5, null, undefined, ['a'], { name: 'a' }]) expect(isServiceName(value)).toBe(false);
  });
});
