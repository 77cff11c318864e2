/**
 * `MaskedJsonWriter` writes in one walk what `JSON.stringify` of the `mask` step's copy gives
 * for a value placed at a path of a line (`write`), and gives that copy itself (`mask`): same
 * bytes, same data and same diagnostics on every kind of input, caps included. (The Express
 * access log renders its bodies and query strings with it.)
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fc, test as fcTest } from '@fast-check/vitest';
import { MaskedJsonWriter } from '@ecsctx/core/integration';
import {
  configureMasking,
  configurePii,
  getDiagnosticCounts,
  maskPii,
  resetDiagnostics,
  resetPii,
  setDiagnosticHandler,
  type MaskOptions,
} from '@ecsctx/core';
import { makeTempDir, writeKeysetFile } from '../support/pii-files';

type Side = 'request' | 'response';

function counts(): Record<string, number> {
  return Object.fromEntries(getDiagnosticCounts());
}

/** What the access log did before: the `mask` format on a synthetic line (its copy of the body). */
function throughStep(options: MaskOptions, value: unknown, side: Side): unknown {
  const info = { level: 'info', message: '', http: { [side]: { body: value } } };
  const out = maskPii(options).transform(info as never) as unknown as { http: Record<Side, { body?: unknown }> };
  return out.http[side].body;
}

const writers = new Map<string, MaskedJsonWriter>();
function writerFor(options: MaskOptions): MaskedJsonWriter {
  const key = JSON.stringify(options);
  let writer = writers.get(key);
  if (writer === undefined) writers.set(key, (writer = new MaskedJsonWriter(options)));
  return writer;
}

/** Both ways on the same value (made twice: neither may see the other's work); returns the text. */
function both(make: () => unknown, options: MaskOptions = {}, side: Side = 'response'): string | undefined {
  resetDiagnostics();
  const copy = throughStep(options, make(), side);
  const expected = copy === undefined ? undefined : JSON.stringify(copy);
  const stepCounts = counts();
  resetDiagnostics();
  const actual = writerFor(options).write(make(), ['http', side, 'body']);
  expect(actual).toBe(expected);
  expect(counts()).toEqual(stepCounts);
  resetDiagnostics();
  expect(writerFor(options).mask(make(), ['http', side, 'body'])).toEqual(copy);
  expect(counts()).toEqual(stepCounts);
  return actual;
}

const keys = makeTempDir();
let silence: ReturnType<typeof setDiagnosticHandler>;
beforeAll(async () => {
  silence = setDiagnosticHandler(() => {});
  const key = { alg: 'HMAC-SHA-256', key_b64: randomBytes(32).toString('base64url'), created_at: new Date().toISOString() };
  const path = writeKeysetFile(keys.dir, 'token-keyset.json', { schema_version: 1, primary_kid: 'k1', keys: { k1: key } });
  await configurePii({ provider: 'file', tokenKeysetPath: path, env: 'test' });
});
afterAll(async () => {
  setDiagnosticHandler(silence);
  configureMasking({ exemptPaths: [] });
  await resetPii();
  keys.cleanup();
});

describe('MaskedJsonWriter equals the mask step and JSON.stringify', () => {
  it('masks by key, by content and credentials, on both sides', () => {
    const body = () => ({
      customer_name: 'Jane Doe',
      email: 'jane@example.com',
      contact: { phone: '+965 6666 7777', note: 'call jane@example.com or +965 5555 1234' },
      items: [{ sku: 'A-1', qty: 2 }],
      authorization: 'Bearer abc.def.ghi',
      callback: 'https://u:p@example.com/cb?token=secret&x=1',
      amount: 12.5,
      ok: true,
    });
    const text = both(body, {}, 'request');
    expect(text).toMatch(/"customer_name":"ptok:v1:/);
    expect(text).not.toContain('jane@example.com');
    expect(text).not.toContain('6666');
    both(body, {}, 'response');
    both(() => ({ ok: true, id: '123' }));
  });

  it('mask() at a query path and on a text body gives what the step gives there', () => {
    const params = () => ({ email: 'jane@example.com', token: 'abc', page: '2', note: ['call +965 6666 7777', 'x'] });
    const info = { level: 'info', message: '', http: { request: { query: params() } } };
    const stepped = maskPii({}).transform(info as never) as unknown as { http: { request: { query: unknown } } };
    const masked = writerFor({}).mask(params(), ['http', 'request', 'query']) as Record<string, unknown>;
    expect(masked).toEqual(stepped.http.request.query);
    expect(JSON.stringify(masked)).not.toContain('jane@example.com');
    const text = 'name=Jane&email=jane@example.com, call +965 6666 7777';
    expect(writerFor({}).mask(text, ['http', 'request', 'body'])).toEqual(throughStep({}, text, 'request'));
  });

  it('without a keyset: the same redactions and the same warning', async () => {
    await resetPii();
    try {
      const text = both(() => ({ email: 'jane@example.com', note: 'mail jane@example.com' }));
      expect(text).toContain('[PII_REDACTED]');
      expect(counts()).toHaveProperty('ECSCTX_PII_REDACTED');
    } finally {
      const key = { alg: 'HMAC-SHA-256', key_b64: randomBytes(32).toString('base64url'), created_at: new Date().toISOString() };
      const path = writeKeysetFile(keys.dir, 'token-keyset-2.json', { schema_version: 1, primary_kid: 'k1', keys: { k1: key } });
      await configurePii({ provider: 'file', tokenKeysetPath: path, env: 'test' });
    }
  });

  it('exempt paths, own and configured, and mask options', () => {
    both(() => ({ email: 'jane@example.com', customer_name: 'Jane' }), { exemptPaths: ['http.response.body.email'] });
    configureMasking({ exemptPaths: ['http.request.body.customer_name'] });
    try {
      both(() => ({ customer_name: 'Jane', email: 'jane@example.com' }), {}, 'request');
    } finally {
      configureMasking({ exemptPaths: [] });
    }
    both(() => ({ card_holder: 'Jane', cb: 'https://h.io/?sig=abc' }), { sensitiveKeyParts: ['card_holder'], secretQueryParams: ['sig'] });
  });

  it('hostile values and caps: the same markers and counts', () => {
    const circular: Record<string, unknown> = { a: 1 };
    circular.self = circular;
    const getter = Object.defineProperty({}, 'bad', { enumerable: true, get: () => { throw new Error('no'); } });
    let deep: Record<string, unknown> = { leaf: 'jane@example.com' };
    for (let i = 0; i < 40; i++) deep = { d: deep };
    const values: (() => unknown)[] = [
      () => ({ circular, getter }),
      () => ({ big: 10n ** 30n, sym: Symbol('s'), fn: () => 1, undef: undefined, nan: NaN, inf: -Infinity }),
      () => ({ date: new Date(0), map: new Map<unknown, unknown>([[1, 'a'], ['1', 'b']]), set: new Set([1, 'a']), buf: Buffer.from('hi') }),
      () => ({ json: { toJSON: () => 'as text' }, proxy: new Proxy({ a: 1 }, {}) }),
      () => ({ deep }),
      () => ({ mixed: [1, 'a', { b: 2 }, [3, 'c'], null, undefined], nested_mixed: [[1, 'a'], [2]] }),
      () => ({ quote: 'he said "hi"\n\ttab \\ back', lone: 'x\ud800y', pair: '😀', ['k"ey']: 1, 'jane@example.com': 'as a key', 'a.b': 1 }),
      () => JSON.parse('{"__proto__":{"polluted":1},"constructor":{"prototype":1}}') as unknown,
      () => ({ arr: new Array(300).fill(1), many: Object.fromEntries(Array.from({ length: 250 }, (_, i) => [`k${i}`, i])) }),
      () => [1, 2, { email: 'jane@example.com' }],
      () => undefined,
      () => null,
      () => 42,
    ];
    for (const make of values) both(make);
    // arrays nested near the walk's nesting cap: the line's own objects count as enclosing ones
    for (const levels of [60, 61, 62, 63, 64, 65]) {
      both(() => {
        let nested: unknown = 'jane@example.com';
        for (let i = 0; i < levels; i++) nested = [nested];
        return { nested };
      });
    }
    const small: MaskOptions = { limits: { maxFields: 12, maxKeys: 5, maxArrayItems: 3, maxStringLength: 16, maxDepth: 5 } };
    both(() => ({ a: { b: 1, c: 2, d: 3, e: 4, f: 5, g: 6 } }), small);
    both(() => ({ a: [1, 2, 3, 4, 5] }), small);
    both(() => ({ a: { b: { c: { d: { e: 1 } } } } }), small);
    both(() => ({ s: 'x'.repeat(40), e: 'long text with jane@example.com inside' }), small);
    both(() => ({ a: { b: 1, c: 2 }, d: { e: 1, f: 2 }, g: { h: 1, i: 2 }, j: 1 }), small);
    // a dotted key sends the object down the object path after a nested object was written
    // as text with a cut of its own: that cut is counted once, by the object path
    const caps: MaskOptions = { limits: { maxFields: 12, maxKeys: 4, maxArrayItems: 1, maxDepth: 5, maxStringLength: 4 } };
    both(() => ({ email: { 0: '', '@': 'jane@example.com', email: 'jane@example.com', id: {} }, '@': '', '.0': 0, 'a@': 0 }), caps, 'request');
  });

  const key = fc.oneof(
    fc.constantFrom('email', 'customer_name', 'phone', 'note', 'authorization', 'cookie', 'address', 'id', 'items', 'token', 'x'),
    fc.stringMatching(/^[a-z_@.0-9]{1,8}$/),
  );
  const text = fc.oneof(fc.string(), fc.constantFrom('jane@example.com', '+965 6666 7777', 'Bearer abcdefghijklmnopqrstuvwxyz', 'https://u:p@h.io/?token=t', 'ptok:v1:abc', '200'));
  const value = fc.letrec((tie) => ({
    v: fc.oneof(
      { depthSize: 'small' },
      text,
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.array(tie('v'), { maxLength: 5 }),
      fc.dictionary(key, tie('v'), { maxKeys: 5 }),
    ),
  })).v;
  const limits = fc.option(
    // caps that leave the synthetic line's own keys (level, message, http.<side>.body) whole
    fc.record({ maxFields: fc.integer({ min: 5, max: 30 }), maxKeys: fc.integer({ min: 3, max: 6 }), maxArrayItems: fc.integer({ min: 1, max: 6 }), maxDepth: fc.integer({ min: 3, max: 8 }), maxStringLength: fc.integer({ min: 4, max: 40 }) }),
    { nil: undefined },
  );
  fcTest.prop([value, fc.constantFrom<Side>('request', 'response'), limits], { numRuns: 500 })('on random bodies and caps', (body, side, caps) => {
    both(() => structuredClone(body), caps === undefined ? {} : { limits: caps }, side);
  });
});
