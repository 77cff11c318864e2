/**
 * `src/serialize/bounded-copy.ts` (the object path of the sanitizing walk), through
 * `sanitizeRecord` / `sanitizeValue`: each kind of value a caller can log comes out as plain
 * JSON data, each cap cuts with its marker (`markers.ts`) and is counted on the report.
 */
import { describe, expect, it } from 'vitest';
import { sanitizeRecord, sanitizeValue } from '../../src/serialize/sanitize';
import { DEFAULT_SANITIZE_LIMITS, type SanitizeLimits } from '../../src/serialize/sanitize-limits';
import { newSanitizeReport, type SanitizeReport } from '../../src/serialize/sanitize-report';
import { MAX_NESTING } from '../../src/serialize/bounded-copy';
import { markClean } from '../../src/serialize/known-clean';
import type { SanitizeHooks } from '../../src/serialize/sanitize-hooks';
import { revokedProxy, throwingGetter, trapProxy } from '../support/hostile';

function limits(partial: Partial<SanitizeLimits> = {}): SanitizeLimits {
  return { ...DEFAULT_SANITIZE_LIMITS, ...partial };
}

function value(input: unknown, partial: Partial<SanitizeLimits> = {}): { out: unknown; report: SanitizeReport } {
  const report = newSanitizeReport();
  return { out: sanitizeValue(input, limits(partial), report), report };
}

function record(input: Record<string, unknown>, partial: Partial<SanitizeLimits> = {}): { out: Record<string, unknown>; report: SanitizeReport } {
  const report = newSanitizeReport();
  return { out: sanitizeRecord(input, limits(partial), report), report };
}

const counts = (partial: Partial<SanitizeReport>): SanitizeReport => ({ ...newSanitizeReport(), ...partial });

describe('scalars', () => {
  it('keeps strings, finite numbers, booleans and null; non-finite numbers become null', () => {
    expect(value('a').out).toBe('a');
    expect(value(1.5).out).toBe(1.5);
    expect(value(false).out).toBe(false);
    expect(value(null).out).toBeNull();
    expect(value(NaN).out).toBeNull();
    expect(value(-Infinity).out).toBeNull();
  });

  it('writes a BigInt as its digits and a Symbol as its text', () => {
    expect(value(12345678901234567890n).out).toBe('12345678901234567890');
    expect(value(Symbol('s')).out).toBe('Symbol(s)');
  });

  it('leaves out undefined and functions in objects, writes them as null in arrays', () => {
    expect(record({ a: undefined, f: () => 1, k: 1 }).out).toEqual({ k: 1 });
    expect(value([undefined, () => 1]).out).toEqual([null, null]);
    expect(value(undefined).out).toBeUndefined();
  });
});

describe('objects', () => {
  it('writes a circular reference as [Circular], a shared one as a copy', () => {
    const o: Record<string, unknown> = { a: 1 };
    o.self = o;
    const r = record({ o });
    expect(r.out).toEqual({ o: { a: 1, self: '[Circular]' } });
    expect(r.report).toEqual(counts({ circular: 1 }));
    const arr: unknown[] = ['a'];
    arr.push(arr);
    expect(value(arr).out).toEqual(['a', ['[Circular]']]);
    const shared = { s: 1 };
    expect(record({ x: shared, y: shared }).out).toEqual({ x: { s: 1 }, y: { s: 1 } });
  });

  it('writes a throwing getter as [getter threw] and an unreadable object as [unreadable]', () => {
    const r = record({ g: throwingGetter(), revoked: revokedProxy(), proto: trapProxy('getPrototypeOf'), keys: trapProxy('ownKeys'), get: trapProxy('get') });
    expect(r.out).toEqual({ g: { boom: '[getter threw]' }, revoked: '[unreadable]', proto: '[unreadable]', keys: { '…': '[unreadable]' }, get: { a: '[getter threw]' } });
    expect(r.report.getterErrors).toBe(6);
  });

  it('writes Map as an object, Set as an array, Date as ISO text (invalid: null)', () => {
    expect(value(new Map<unknown, unknown>([['k', 1], [2, 'two']])).out).toEqual({ k: 1, 2: 'two' });
    expect(value(new Set(['a', 'b'])).out).toEqual(['a', 'b']);
    expect(value(new Date(0)).out).toBe('1970-01-01T00:00:00.000Z');
    expect(value(new Date(NaN)).out).toBeNull();
  });

  it('writes Headers, URLSearchParams and FormData as their entries; a repeated name keeps every value', () => {
    const headers = new Headers([['content-type', 'text/plain'], ['set-cookie', 'a=1'], ['set-cookie', 'b=2']]);
    expect(value(headers).out).toEqual({ 'content-type': 'text/plain', 'set-cookie': ['a=1', 'b=2'] });
    expect(value(new URLSearchParams('q=shoes&tag=a&tag=b')).out).toEqual({ q: 'shoes', tag: ['a', 'b'] });
    const form = new FormData();
    form.append('name', 'x');
    form.append('upload', new File(['abc'], 'a.txt'));
    expect(value(form).out).toEqual({ name: 'x', upload: '[File 3 bytes]' });
    expect(value(new Blob(['12345'])).out).toBe('[Blob 5 bytes]');
  });

  it('a Map whose keys read as the same text keeps every value', () => {
    expect(value(new Map<unknown, unknown>([[1, 'number'], ['1', 'string']])).out).toEqual({ 1: ['number', 'string'] });
  });

  it('an entry collection whose prototype entries were replaced is still read through the built-in', () => {
    const params = new URLSearchParams('token=abc');
    Object.defineProperty(params, 'entries', { value: () => { throw new Error('no'); } });
    expect(value(params).out).toEqual({ token: 'abc' });
  });

  it('writes an Error as its ECS fields', () => {
    const err = Object.assign(new Error('boom'), { code: 'E1', id: 3 });
    expect(value(err).out).toEqual({ type: 'Error', message: 'boom', stack_trace: err.stack, code: 'E1', id: 3 });
  });

  it('writes binary data, promises and weak collections as markers', () => {
    expect(value(Buffer.from('abc')).out).toBe('[Buffer 3 bytes]');
    expect(value(new Uint16Array(2)).out).toBe('[Uint16Array 4 bytes]');
    expect(value(new ArrayBuffer(5)).out).toBe('[ArrayBuffer 5 bytes]');
    expect(value(Promise.resolve(1)).out).toBe('[Promise]');
    expect(value(new WeakMap()).out).toBe('[WeakMap]');
    expect(value(new WeakSet()).out).toBe('[WeakSet]');
  });

  it('uses toJSON; one that throws gives [toJSON threw], one that returns its object gives its fields', () => {
    expect(value({ toJSON: () => ({ v: 1 }) }).out).toEqual({ v: 1 });
    expect(value({ toJSON: () => 'text' }).out).toBe('text');
    const threw = value({ toJSON: () => { throw new Error('x'); } });
    expect(threw.out).toBe('[toJSON threw]');
    expect(threw.report).toEqual(counts({ getterErrors: 1 }));
    class Self {
      a = 1;
      toJSON(): unknown {
        return this;
      }
    }
    expect(value(new Self()).out).toEqual({ a: 1 });
    class Point {
      constructor(readonly x: number, readonly y: number) {}
    }
    expect(value(new Point(1, 2)).out).toEqual({ x: 1, y: 2 });
  });

  it('keeps __proto__ keys as data, rewrites field names Elasticsearch refuses, separates clashing dotted keys', () => {
    const out = value(JSON.parse('{"__proto__":{"x":1}}')).out as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(['__proto__']);
    expect(record({ '': 1, 'a..b': 2, ' ': 3 }).out).toEqual({ _: 1, a__b: 2, __2: 3 }); // two names that became one are kept apart
    expect(record({ a: 1, 'a.b': 2 }).out).toEqual({ a: 1, a_b: 2 });
  });

  it('writes arrays of mixed kinds as text', () => {
    expect(value([1, 'a', { b: 1 }, null]).out).toEqual(['1', 'a', '{"b":1}', null]);
  });

  it('keeps a known-clean object as it is', () => {
    const clean = markClean({ id: 'x' });
    expect(record({ clean }).out.clean).toBe(clean);
  });
});

describe('caps', () => {
  it('maxStringLength cuts strings (and BigInt digits) with …[truncated N chars]', () => {
    const r = record({ s: 'abcdefgh', b: 12345678n, ok: 'abcde' }, { maxStringLength: 5 });
    expect(r.out).toEqual({ s: 'abcde…[truncated 3 chars]', b: '12345…[truncated 3 chars]', ok: 'abcde' });
    expect(r.report).toEqual(counts({ truncatedStrings: 2 }));
  });

  it('maxKeys keeps the first keys and counts the rest in a … key (objects and Maps)', () => {
    const r = record({ o: { a: 1, b: 2, c: 3, d: 4 } }, { maxKeys: 2 });
    expect(r.out).toEqual({ o: { a: 1, b: 2, '…': '[2 more keys]' } });
    expect(r.report).toEqual(counts({ keyCuts: 1 }));
    expect(value(new Map([['a', 1], ['b', 2], ['c', 3]]), { maxKeys: 2 }).out).toEqual({ a: 1, b: 2, '…': '[1 more keys]' });
  });

  it('a huge Map costs its cap: keys past maxKeys are counted, never read', () => {
    let reads = 0;
    const key = (n: number) => ({ get id() { reads++; return n; } });
    const huge = new Map<unknown, number>();
    for (let n = 0; n < 200_000; n++) huge.set(key(n), n);
    const r = value(huge, { maxKeys: 3 });
    expect(r.out).toEqual({ '{"id":0}': 0, '{"id":1}': 1, '{"id":2}': 2, '…': '[199997 more keys]' });
    expect(reads).toBe(3);
  });

  it('maxArrayItems keeps the first items and ends with [N more items]', () => {
    const r = value(['a', 'b', 'c', 'd'], { maxArrayItems: 2 });
    expect(r.out).toEqual(['a', 'b', '[2 more items]']);
    expect(r.report).toEqual(counts({ arrayCuts: 1 }));
  });

  it('maxDepth replaces deeper objects by a marker; arrays do not count', () => {
    const r = record({ a: { b: { c: 1 } }, l: [[{ b: 1 }]] }, { maxDepth: 2 });
    expect(r.out).toEqual({ a: { b: '[Object: nested deeper than 2]' }, l: [[{ b: 1 }]] });
    expect(r.report).toEqual(counts({ depthCuts: 1 }));
  });

  it(`arrays and objects nest at most ${MAX_NESTING} deep`, () => {
    let deep: unknown = ['leaf'];
    for (let i = 0; i < MAX_NESTING + 5; i++) deep = [deep];
    const r = value(deep);
    let at = r.out;
    for (let i = 0; i < MAX_NESTING; i++) at = (at as unknown[])[0];
    expect(at).toBe(`[Array: nested deeper than ${MAX_NESTING}]`);
    expect(r.report).toEqual(counts({ depthCuts: 1 }));
  });

  it('maxFields caps the keys of the whole walk', () => {
    const r = record({ a: { x: 1, y: 1 }, b: { z: 1 } }, { maxFields: 3 });
    expect(r.out).toEqual({ a: { x: 1, '…': '[1 more keys]' }, b: { '…': '[1 more keys]' } });
    expect(r.report.fieldCuts).toBe(2);
    expect(r.report.keyCuts).toBe(2);
  });
});

describe('hooks', () => {
  it('rewrite strings before the cut, numbers and keys, with the state of each place', () => {
    const seen: string[] = [];
    const hooks: SanitizeHooks<string> = {
      child: (state, key) => `${state}/${key ?? '[]'}`,
      string: (v, state) => {
        seen.push(state);
        return v === 'secret' ? 'X'.repeat(10) : v;
      },
      number: (n) => n * 10,
      key: (k) => (k === 'email@x.org' ? 'tok' : k),
      keyText: () => undefined,
    };
    const report = newSanitizeReport();
    const out = sanitizeRecord({ a: 'secret', 'email@x.org': 1, l: ['p'] }, limits({ maxStringLength: 4 }), report, hooks, '');
    expect(out).toEqual({ a: 'XXXX…[truncated 6 chars]', tok: 10, l: ['p'] });
    expect(seen).toEqual(['/a', '/l/[]']);
  });
});

describe('nothing dropped without a trace', () => {
  it('keeps both values when two keys become one name, writes a RegExp as its text and an object Map key as its JSON', async () => {
    const { makeLogger, flush } = await import('../support/logger');
    const { logger, capture } = makeLogger();
    logger.info('x', { byUser: { 'jane@example.com': 3, '+12125550199': 1 }, re: /a+b/gi, m: new Map<unknown, string>([[{ a: 1 }, 'v'], [2, 'w']]) });
    await flush(logger);
    const extra = capture.records()[0].extra as Record<string, unknown>;
    expect(extra.byUser).toEqual({ '[PII_REDACTED]': 3, '[PII_REDACTED]_2': 1 });
    expect(extra.re).toBe('/a+b/gi');
    expect(extra.m).toEqual({ '{"a":1}': 'v', '2': 'w' });
  });

  it('a Map whose keys read as the same text keeps every value, its names apart', () => {
    const { out } = value(new Map<unknown, number>([['1', 1], [1, 2]]));
    expect(Object.values(out as Record<string, unknown>).flat()).toEqual(expect.arrayContaining([1, 2]));
  });
});

describe('boxed primitives', () => {
  it('are written as JSON.stringify writes them: their primitive, not one key per character', () => {
    const input = { s: new String('abc'), n: new Number(42), b: new Boolean(false), big: Object(12n), sym: Object(Symbol('x')) };
    expect(record(input).out).toEqual({ s: 'abc', n: 42, b: false, big: '12', sym: 'Symbol(x)' });
    const { s, n, b } = record(input).out;
    expect(JSON.stringify({ s, n, b })).toBe(JSON.stringify({ s: input.s, n: input.n, b: input.b }));
  });

  it('read with the built-in valueOf, never the caller’s own', () => {
    const s = new String('kept');
    Object.defineProperty(s, 'valueOf', { value: () => { throw new Error('own valueOf'); } });
    expect(value(s).out).toBe('kept');
    const fake = Object.create(String.prototype) as object;
    expect(value(fake).out).toEqual({}); // an object that only inherits from String.prototype is no boxed string
  });
});
