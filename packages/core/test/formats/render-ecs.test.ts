/**
 * The `ecs` step (`src/formats/render-ecs.ts`) as seen in lines: `@timestamp` is the call's own
 * millisecond; 0 lines Elasticsearch would reject: a value that does not fit its ECS field's type (after
 * the lossless conversions) moves under `extra` at the same path and `labels.ecsctx_moved`
 * lists it; two values for one path are both kept (`extra.ecsctx_collisions`).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { createEcsLogger, degradedLineCounts, resetDegradedLineCounts } from '@ecsctx/core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ecsErrors, hostileKey, hostileObject, hostileValue, lineSink, materialize } from '../support/hostile';
import { referenceDir } from '../support/capture';
import { flush, makeLogger } from '../support/logger';

/** The ECS logging spec's fields typed as one string or integer, less the line's head. */
const SPEC_SINGLE = Object.entries(JSON.parse(readFileSync(join(referenceDir, 'ecs', 'ecs-logging-spec.json'), 'utf8')).fields as Record<string, { type: string }>)
  .filter(([path, f]) => (f.type === 'string' || f.type === 'integer') && !['log.level', 'message', 'ecs.version'].includes(path))
  .map(([path]) => path);

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function lineOf(meta: Record<string, unknown>): Promise<Record<string, any>> {
  const { stream, lines } = lineSink();
  createEcsLogger({ stream }).info('event_name', meta);
  await tick();
  expect(lines).toHaveLength(1);
  expect(await ecsErrors(lines[0])).toEqual([]);
  return JSON.parse(lines[0]);
}

describe('a value that does not fit its ECS field moves under extra', () => {
  it.each([
    ['http.response.status_code', 'abc', ['http', 'response', 'status_code']],
    ['event.outcome', 'maybe', ['event', 'outcome']],
    ['user.id', { o: 1 }, ['user', 'id']],
    ['event.reason', { a: 1 }, ['event', 'reason']],
    ['client.ip', 'not-an-ip', ['client', 'ip']],
    ['event.created', 'yesterday', ['event', 'created']],
  ])('%s = %j', async (key, value, path) => {
    const record = await lineOf({ [key]: value, decoy: 'kept' });
    let moved: any = record.extra;
    for (const p of path) moved = moved?.[p];
    expect(moved).toEqual(value);
    let typed: any = record;
    for (const p of path) typed = typed?.[p];
    expect(typed).toBeUndefined();
    expect(record.labels.ecsctx_moved).toBe(key);
    expect(record.extra.decoy).toBe('kept');
  });

  it.each([
    ['http.response.status_code', [0, ''], ['0', '']],
    ['event.outcome', [1, 'maybe', true], ['1', 'maybe', 'true']],
    ['client.ip', ['1.2.3.4', { a: 1 }], ['1.2.3.4', '{"a":1}']],
  ])('a moved array of mixed kinds is written as text, as anywhere under extra: %s = %j', async (key, value, written) => {
    const record = await lineOf({ [key]: value });
    let moved: any = record.extra;
    for (const p of key.split('.')) moved = moved?.[p];
    expect(moved).toEqual(written);
    expect(record.labels.ecsctx_moved).toBe(key);
  });

  it.each([[[]], [''], ['  '], [['a', 'b']], [{ a: 1 }], [null]])('a call\'s service.name that is no name (%j) moves under extra; the line keeps its service\'s name', async (name) => {
    const own = (await lineOf({})).service.name;
    const record = await lineOf({ service: { name, decoy: 'kept' } });
    expect(record.service.name).toBe(own);
    expect(record.service.decoy).toBe('kept');
    expect(record.extra.service.name).toEqual(name);
    expect(record.labels.ecsctx_moved).toBe('service.name');
  });

  it('a call\'s service that is no object moves under extra; the line keeps its service', async () => {
    const own = (await lineOf({})).service.name;
    const record = await lineOf({ service: 'billing' });
    expect(record.service.name).toBe(own);
    expect(record.extra.service).toBe('billing');
  });

  it('a call\'s own service.name, a name, is written as given', async () => {
    const record = await lineOf({ service: { name: 'billing-batch' } });
    expect(record.service.name).toBe('billing-batch');
    expect(record.labels?.ecsctx_moved).toBeUndefined();
  });

  it.each(SPEC_SINGLE)('%s holds one value: a list given there moves under extra', async (path) => {
    const list = path === 'log.origin.file.line' ? [12] : ['one'];
    const record = await lineOf({ [path]: list, decoy: 'kept' });
    let moved: any = record.extra;
    for (const p of path.split('.')) moved = moved?.[p];
    // (a value under a `name` key may be masked as PII on the way, and root keys this library
    // does not place, such as `transaction`, are under extra already: only the place is checked)
    expect(Array.isArray(moved) && moved.length === 1).toBe(true);
    let typed: any = record;
    for (const p of path.split('.')) typed = typed?.[p];
    expect(typed === undefined || !Array.isArray(typed)).toBe(true);
    expect(record.extra.decoy).toBe('kept');
  });

  it('a list under a field ECS allows lists in stays (event.category, error.id)', async () => {
    const record = await lineOf({ 'event.category': ['web', 'session'], 'error.id': ['e1', 'e2'] });
    expect(record.event.category).toEqual(['web', 'session']);
    expect(record.error.id).toEqual(['e1', 'e2']);
    expect(record.labels?.ecsctx_moved).toBeUndefined();
  });

  it('a moved value whose place in extra is taken (even by a dotted key) is kept as a collision', async () => {
    const record = await lineOf({ extra: { 'event.duration': 'x' }, 'event.duration': 'y' });
    expect(record.extra['event.duration']).toBe('x');
    expect(record.extra.ecsctx_collisions).toEqual([{ path: 'event.duration', value: 'y' }]);
    expect(record.labels.ecsctx_moved).toBe('event.duration');
  });

  it('keeps the lossless conversions under the typed field', async () => {
    const record = await lineOf({ 'http.response.status_code': '200', 'user.id': 42, 'event.outcome': 'success' });
    expect(record.http.response.status_code).toBe(200);
    expect(record.user.id).toBe('42');
    expect(record.event.outcome).toBe('success');
    expect(record.labels?.ecsctx_moved).toBeUndefined();
  });
});

describe('two values for one path are both kept', () => {
  it('a dotted key and a nested object', async () => {
    const record = await lineOf({ 'a.b': 1, a: { c: 2 } });
    expect(record.extra.a).toEqual({ c: 2, b: 1 });
  });

  it('a value and a dotted key below it', async () => {
    const record = await lineOf({ a: 1, 'a.b': 2 });
    expect(record.extra.a).toEqual({ b: 2 });
    expect(record.extra.ecsctx_collisions).toEqual([{ path: 'extra.a', value: '1' }]);
  });

  it('a top-level key and the same key under extra', async () => {
    const record = await lineOf({ customer_id: 'A', extra: { customer_id: 'B' } });
    expect(record.extra.customer_id).toBe('B');
    expect(record.extra.ecsctx_collisions).toEqual([{ path: 'extra.customer_id', value: 'A' }]);
  });

  it('the same leaf given dotted and nested', async () => {
    const record = await lineOf({ 'a.b': 1, a: { b: 2 } });
    expect(record.extra.a.b).toBe(1);
    expect(record.extra.ecsctx_collisions).toEqual([{ path: 'extra.a.b', value: '2' }]);
  });

  // decoys: leaves that share a parent but not a path are no collision
  test.prop([fc.constantFrom('event', 'http', 'order', 'extra'), fc.uniqueArray(fc.stringMatching(/^[a-z]{1,6}$/), { minLength: 2, maxLength: 5 }), fc.boolean()], { numRuns: 60 })(
    'dotted and nested keys of different leaves under one parent: no collision marker, none counted',
    async (root, leaves, nested) => {
      resetDegradedLineCounts();
      const meta: Record<string, unknown> = {};
      leaves.forEach((leaf, i) => {
        if (nested && i === 0) meta[root] = { [leaf]: `v${i}` };
        else meta[`${root}.${leaf}`] = `v${i}`;
      });
      const record = await lineOf(meta);
      expect(record.extra?.ecsctx_collisions).toBeUndefined();
      expect(degradedLineCounts().collision).toBe(0);
    },
  );

  it('array items of different kinds are all written as text', async () => {
    const record = await lineOf({ list: [1, 'x', { a: 1 }] });
    expect(record.extra.list).toEqual(['1', 'x', '{"a":1}']);
  });

  it('objects in an array whose fields differ in kind: the first keeps the path', async () => {
    const record = await lineOf({ list: [{ a: { b: 1 } }, { a: 2 }] });
    expect(record.extra.list).toEqual([{ a: { b: 1 } }, {}]);
    expect(record.extra.ecsctx_collisions).toEqual([{ path: 'extra.list.a', value: '2' }]);
  });
});

describe('random hostile values under typed and free keys', () => {
  test.prop([fc.dictionary(hostileKey, hostileValue, { maxKeys: 8 })], { numRuns: 150 })('0 ECS type errors, 0 lost lines', async (recipe) => {
    const { stream, lines } = lineSink();
    createEcsLogger({ stream }).info('event_name', materialize(recipe));
    await tick();
    expect(lines).toHaveLength(1);
    expect(await ecsErrors(lines[0])).toEqual([]);
    expect(JSON.parse(lines[0]).labels?.ecsctx_degraded).toBeUndefined();
  });
});

describe('@timestamp of logged lines', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("is each line's own millisecond, across seconds and back", async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { logger, capture } = makeLogger();
    const times = [1_764_040_573_998, 1_764_040_573_999, 1_764_040_574_000, 1_764_040_574_000, 1_764_040_574_731, 1_764_040_573_500, 1_764_040_634_002];
    for (const time of times) {
      vi.setSystemTime(time);
      logger.info('tick', { n: 1 });
    }
    await flush(logger);
    expect(capture.records().map((line) => line['@timestamp'])).toEqual(times.map((time) => new Date(time).toISOString()));
  });
});

describe('root keys that must hold objects', () => {
  it('an error object whose toJSON returns a string still gives an object error field', async () => {
    const { logger, capture } = makeLogger();
    logger.info('m', { error: { toJSON: () => 'x' }, user: { toJSON: () => 'bob' } });
    await flush(logger);
    const rec = capture.records()[0];
    expect(rec.error).toEqual({ message: 'x' });
    expect(rec.user).toBeUndefined();
    expect(rec.extra.user).toBe('bob');
  });
});

describe('ECS leaf types', () => {
  it('converts leaves of ECS field-sets to their ECS type when nothing is lost, and leaves the caller alone', async () => {
    const { logger, capture } = makeLogger();
    const meta = {
      user: { id: 5, roles: [1, 'admin'] },
      http: { response: { status_code: '200' }, request: { method: 7, headers: { 'x-n': 5 } } },
      event: { duration: 1.5, original: 12 },
      url: { port: '8080', path: '/a' },
    };
    const before = structuredClone(meta);
    logger.info('typed', meta);
    await flush(logger);
    const rec = capture.records()[0];
    expect(rec.user).toEqual({ id: '5', roles: ['1', 'admin'] });
    expect(rec.http.response.status_code).toBe(200);
    expect(rec.http.request.method).toBe('7');
    expect(rec.http.request.headers['x-n']).toBe(5); // not an ECS field: left as given
    expect(rec.event).toEqual({ duration: 2, original: '12' });
    expect(rec.url).toEqual({ port: 8080, path: '/a' });
    expect(meta).toEqual(before);
  });
});

describe('a root field that must be an object stays one, whatever its value does when read', () => {
  const OBJECT_ROOTS = ['extra', 'labels', 'http', 'url', 'event', 'span', 'user', 'user_agent', 'client', 'trace', 'service', 'error', 'log', 'payment', 'project', 'bullmq'];
  const toJsonThrows = (): object => ({ a: 1, toJSON() { throw new Error('toJSON'); } });

  it('a toJSON method of the meta or of its extra is a method, not a field: not called, the other fields kept', async () => {
    expect((await lineOf({ a: 1, toJSON() { throw new Error('toJSON'); } })).extra).toEqual({ a: 1 });
    expect((await lineOf({ extra: { b: 2, toJSON: () => 'text' } })).extra).toEqual({ b: 2 });
    expect((await lineOf({ extra: { toJSON: () => [1, 2] } })).extra).toBeUndefined();
  });

  it("an extra that is a class instance with a toJSON is written as its toJSON says, under extra.extra", async () => {
    class Doc {
      toJSON(): string {
        return 'text';
      }
    }
    expect((await lineOf({ extra: new Doc() })).extra).toEqual({ extra: 'text' });
  });

  it.each(OBJECT_ROOTS)('%s: a throwing toJSON or getter never makes it a string', async (key) => {
    const lines = [
      await lineOf({ [key]: toJsonThrows() }),
      await lineOf(Object.defineProperty({}, key, { enumerable: true, get() { throw new Error('getter'); } })),
    ];
    for (const line of lines) for (const root of OBJECT_ROOTS) if (line[root] !== undefined) expect(typeof line[root], root).toBe('object');
  });

  it('a root value moved under extra keeps what extra holds there, as its key or a dotted key below it: the moved one is a collision (found by seed -2061771409)', async () => {
    const dotted = await lineOf({ extra: { 'event.outcome': 0 }, event: toJsonThrows() });
    expect(dotted.extra).toEqual({ 'event.outcome': 0, ecsctx_collisions: [{ path: 'extra.event', value: '[toJSON threw]' }] });
    const same = await lineOf({ extra: { event: 'mine' }, event: toJsonThrows() });
    expect(same.extra.event).toBe('mine');
    expect(same.extra.ecsctx_collisions).toEqual([{ path: 'extra.event', value: '[toJSON threw]' }]);
  });

  test.prop(
    [
      fc.constantFrom(...OBJECT_ROOTS.filter((r) => r !== 'extra' && r !== 'labels')),
      fc.stringMatching(/^[a-z]{1,6}$/),
      fc.oneof(fc.string(), fc.integer(), fc.constant(null), hostileValue),
      fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant('toJSON throws')),
      fc.boolean(),
    ],
    { numRuns: 80 },
  )('a root that is no object, beside keys of extra under its name (dotted or not): no ECS error, the root value kept under extra', async (root, leaf, extraValue, rootValue, dotted) => {
    const hostile = rootValue === 'toJSON throws';
    const extraKey = dotted ? `${root}.${leaf}` : root;
    const line = await lineOf({ extra: { [extraKey]: materialize(extraValue) }, [root]: hostile ? toJsonThrows() : rootValue });
    // (a scalar may be masked under its key: only the marker is compared as text)
    if (hostile) expect(JSON.stringify(line)).toContain('[toJSON threw]');
    expect(line.extra).toBeDefined();
  });

  test.prop([fc.dictionary(fc.constantFrom(...OBJECT_ROOTS, 'a', 'toJSON'), fc.oneof(hostileValue, hostileObject), { maxKeys: 4 })], { numRuns: 60 })(
    'random hostile values at the object roots: each root present is an object, no ECS error',
    async (recipe) => {
      const line = await lineOf(materialize(recipe) as Record<string, unknown>);
      for (const root of OBJECT_ROOTS) if (line[root] !== undefined) expect(line[root] !== null && typeof line[root] === 'object' && !Array.isArray(line[root]), root).toBe(true);
    },
  );
});
