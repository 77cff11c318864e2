/**
 * The preset's one-pass line writer (`lineOnly`) must write exactly the bytes of the
 * step-by-step chain and report the same diagnostics, on every kind of input: where it
 * cannot, it must hand the line to the chain. The common lines must take the one pass (a
 * writer that always fell back would pass every equality and be useless).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import winston from 'winston';
import Transport from 'winston-transport';
import { LEVEL, MESSAGE, SPLAT } from 'triple-beam';
import { fc, test as fcTest } from '@fast-check/vitest';
import {
  CAPTURED_CALL,
  bindLoggingContext,
  captureCall,
  getLoggingContext,
  configureMasking,
  configurePii,
  createEcsLogger,
  ecsFormat,
  getDiagnosticCounts,
  resetDiagnostics,
  resetPii,
  runWithLoggingContext,
  setDiagnosticHandler,
  traceFromHeaders,
  type CapturedCall,
  type EcsFormatOptions,
  type LoggingContextFields,
} from '@ecsctx/core';
import { referenceDir } from '../support/capture';
import { randomBytes } from 'node:crypto';
import { makeTempDir, writeKeysetFile } from '../support/pii-files';
import { makeLogger, flush } from '../support/logger';
import { onlyLineReaders } from '../../src/formats/line-readers';

type Info = Record<string | symbol, unknown>;

const TRACEPARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
const env = { PROJECT_NAME: 'shopfront', APP_VERSION: '1.3.0' };

interface Setup {
  options?: EcsFormatOptions;
  bind?: LoggingContextFields;
  trace?: boolean;
  serviceType?: string;
  otel?: boolean;
}

function callFor(setup: Setup): CapturedCall {
  const capture = (): CapturedCall => {
    if (setup.bind) bindLoggingContext(setup.bind);
    return captureCall();
  };
  let call =
    setup.bind || setup.trace || setup.serviceType
      ? runWithLoggingContext(capture, {
          trace: setup.trace ? traceFromHeaders({ traceparent: TRACEPARENT }) : undefined,
          serviceType: setup.serviceType,
        } as never)
      : capture();
  if (setup.otel) call = { ...call, otel: { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', traceFlags: 1 } };
  return call;
}

const formats = new Map<string, { fast: winston.Logform.Format; chain: winston.Logform.Format }>();

function formatsFor(options: EcsFormatOptions = {}): { fast: winston.Logform.Format; chain: winston.Logform.Format } {
  const key = JSON.stringify(options);
  let pair = formats.get(key);
  if (pair === undefined) {
    const base = { env, loggerName: 'orders', ...options };
    pair = { fast: ecsFormat({ ...base, lineOnly: true }), chain: ecsFormat(base) };
    formats.set(key, pair);
  }
  return pair;
}

function counts(): Record<string, number> {
  return Object.fromEntries(getDiagnosticCounts());
}

/** Runs the line through both; returns whether the one pass wrote it. */
function both(make: () => Info, setup: Setup = {}): boolean {
  const { fast, chain } = formatsFor(setup.options);
  const call = callFor(setup);
  const a = make();
  const b = make();
  a[CAPTURED_CALL] = call;
  b[CAPTURED_CALL] = call;
  resetDiagnostics();
  const left = chain.transform(b as never, chain.options) as Info;
  const chainCounts = counts();
  resetDiagnostics();
  const right = fast.transform(a as never, fast.options) as Info;
  const fastCounts = counts();
  expect(right[MESSAGE]).toBe(left[MESSAGE]);
  expect(fastCounts).toEqual(chainCounts);
  expect(right[LEVEL]).toBe(left[LEVEL]);
  const onePass = Object.keys(right).length === 2;
  if (onePass) expect(right.message).toBe(left.message);
  return onePass;
}

const line = (fields: Record<string, unknown>, message: unknown = 'order_placed', level = 'info'): (() => Info) => () => ({
  level,
  [LEVEL]: level,
  message,
  [SPLAT]: [fields],
  ...structuredClone(fields),
});

const CONTEXT: LoggingContextFields = {
  userId: 42,
  ip: '192.0.2.10',
  sessionId: 'sess-1',
  orn: 'ORN-1',
  extra: { merchant_id: 'acme', shop: { store_id: 's1', contact_email: 'shop@example.com' }, note: 'call +965 6666 7777' },
  labels: { region: 'eu', 'a.b': 'x' },
};

const keys = makeTempDir();
function writeTokenKeyset(): string {
  const key = { alg: 'HMAC-SHA-256', key_b64: randomBytes(32).toString('base64url'), created_at: new Date().toISOString() };
  return writeKeysetFile(keys.dir, 'token-keyset.json', { schema_version: 1, primary_kid: 'k1', keys: { k1: key } });
}

let silence: ReturnType<typeof setDiagnosticHandler>;
beforeAll(async () => {
  silence = setDiagnosticHandler(() => {});
  await configurePii({ provider: 'file', tokenKeysetPath: writeTokenKeyset(), env: 'test' });
});
afterAll(async () => {
  setDiagnosticHandler(silence);
  await resetPii();
  keys.cleanup();
});

describe('the one-pass line writer equals the chain', () => {
  const typical = {
    http: {
      request: { method: 'POST', headers: { authorization: 'Bearer abcdefghijklmnopqrstuvwxyz', cookie: 'sid=secret; theme=dark' }, body: { customer_name: 'Jane Doe', email: 'jane@example.com', items: [{ sku: 'A', qty: 1 }] } },
      response: { status_code: '201' },
    },
    url: { path: '/pay', query: 'token=abc&x=1' },
    event: { duration: 1.5 },
    amount: 100,
    remark: 'mail jane@example.com or +965 6666 7777',
  };

  it.each([
    ['no scope', {}],
    ['a bound context and a trace', { bind: CONTEXT, trace: true }],
    ['a trace only', { trace: true }],
    ['a worker scope', { bind: { spanId: 'b7ad6b7169203331' }, serviceType: 'worker' }],
    ['a request scope (span, user, client ip, trace)', { bind: { spanId: 'b7ad6b7169203331', userId: 'user-42', ip: '192.0.2.10' }, trace: true }],
    ['a request scope of odd values', { bind: { spanId: 'b7"ad\\6b', userId: 'jane@example.com', ip: 'not an ip' } }],
    ['a job scope', { bind: { spanId: 'b7ad6b7169203331', extra: { bullmq: { job: { id: '42', name: 'send', attempt: 1 }, queue: { name: 'mail' } } } }, trace: true, serviceType: 'worker' }],
    ['an OpenTelemetry span', { bind: CONTEXT, otel: true }],
    ['defaultMeta', { options: { defaultFields: { region: 'eu', build: { sha: 'abc' }, session_id: 'from-defaults' } } }],
  ] as [string, Setup][])('writes common lines in one pass (%s)', (_name, setup) => {
    expect(both(line({ key: 'user:1', ttl_ms: 3000 }), setup)).toBe(true);
    expect(both(line(typical), setup)).toBe(true);
    expect(both(line({}, undefined), setup)).toBe(true);
    expect(both(line({ user: { id: 7, name: 'Jane Doe' }, client: { ip: '203.0.113.9' } }), setup)).toBe(setup.bind?.userId === undefined);
    expect(both(line({ payload: { items: [1, 2, 3], tags: ['a', 'b'], nested: { deep: { deeper: { x: null } } } }, headers: { 'x-api-key': 'k'.repeat(40) } }), setup)).toBe(true);
  });

  // request and job scopes (span, user, ip, trace, a job's bullmq fields; nothing else) are placed without the chain's steps
  fcTest.prop(
    [
      fc.record(
        {
          spanId: fc.oneof(fc.string(), fc.stringMatching(/^[0-9a-f]{16}$/)),
          userId: fc.oneof(fc.string(), fc.integer(), fc.emailAddress()),
          ip: fc.oneof(fc.string(), fc.ipV4(), fc.ipV6()),
          // a job's identity, as @ecsctx/bullmq binds it (and odd ones)
          extra: fc.oneof(
            fc.record({ bullmq: fc.record({ job: fc.record({ id: fc.string(), name: fc.string(), attempt: fc.nat() }), queue: fc.record({ name: fc.string() }) }) }),
            fc.record({ bullmq: fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer(), fc.emailAddress())) }),
          ),
        },
        { requiredKeys: [] },
      ),
      fc.boolean(),
      fc.constantFrom(undefined, 'worker'),
    ],
    { numRuns: 150 },
  )('writes request and job scopes in one pass, with the bytes of the chain', (bind, trace, serviceType) => {
    expect(both(line({ key: 'user:1', note: 'reach jane@example.com' }), { bind, trace, serviceType })).toBe(true);
  });

  it('places only the own bullmq fields of a scope (not one a polluted prototype lends)', () => {
    Object.defineProperty(Object.prototype, 'bullmq', { value: { job: { id: 'x' } }, configurable: true, enumerable: false, writable: true });
    try {
      expect(both(line({ key: 'user:1' }), { bind: { spanId: 'b7ad6b7169203331' }, trace: true })).toBe(true);
    } finally {
      delete (Object.prototype as Record<string, unknown>).bullmq;
    }
  });

  it('without a keyset: the same redactions and the same warning', async () => {
    await resetPii();
    try {
      expect(both(line(typical), { bind: CONTEXT, trace: true })).toBe(true);
      expect(both(line({ email: 'a@b.co' }))).toBe(true);
    } finally {
      await configurePii({ provider: 'file', tokenKeysetPath: writeTokenKeyset(), env: 'test' });
    }
  });

  it('follows configureMasking changes', () => {
    configureMasking({ exemptPaths: ['extra.shop.contact_email'] });
    try {
      expect(both(line({ x: 1 }), { bind: CONTEXT })).toBe(true);
    } finally {
      configureMasking({});
    }
    expect(both(line({ x: 1 }), { bind: CONTEXT })).toBe(true);
  });

  it('hands lines of other shapes to the chain, with the same result', () => {
    const err = Object.assign(new Error('boom', { cause: new Error('root') }), { code: 'E1' });
    const taken: boolean[] = [];
    taken.push(both(() => ({ level: 'error', [LEVEL]: 'error', message: 'failed boom', stack: err.stack, cause: err.cause, code: 'E1', [SPLAT]: [err] })));
    const asInfo = Object.assign(new Error('as info'), { level: 'error', [LEVEL]: 'error' });
    taken.push(both(() => asInfo as never));
    taken.push(both(line({ error: err })));
    taken.push(both(line({ error: 'flat' })));
    taken.push(both(line({ 'service.name': 'x', 'a..b': 1 })));
    taken.push(both(line({ labels: { a: 1 } })));
    taken.push(both(line({ log: { origin: 'x' } })));
    taken.push(both(line({ extra: { a: 1 } })));
    taken.push(both(line({ ecs_event: 'x', '@timestamp': 't', ecs: 1 })));
    taken.push(both(line({ trace_id: '0af7651916cd43dd8448eb211c80319c', span_id: 'b7ad6b7169203331' })));
    taken.push(both(line({ user: { name: 'x' } }), { bind: CONTEXT }));
    taken.push(both(line({ merchant_id: 'other' }), { bind: CONTEXT }));
    taken.push(both(line({ note: 'x' }), { bind: CONTEXT }));
    taken.push(both(line({ region: 'x' }), { options: { defaultFields: { region: 'eu' } } }));
    taken.push(both(line({ event: 'flat' })));
    taken.push(both(line({ 'jane@example.com': 1, '': 2 })));
    taken.push(both(line({ 5: 'index', a: 1 }), { bind: CONTEXT }));
    taken.push(both(line({ a: 1 }, { text: 'object message' })));
    taken.push(both(line({ x: 'y'.repeat(8_000), y: 'y'.repeat(8_000), z: 'y'.repeat(20_000) })));
    expect(taken).toEqual(taken.map(() => false));
  });

  it('hostile values (never throwing, same bytes)', () => {
    const circular: Record<string, unknown> = { a: 1 };
    circular.self = circular;
    const getter = Object.defineProperty({}, 'bad', { enumerable: true, get: () => { throw new Error('no'); } });
    let deep: Record<string, unknown> = { leaf: 1 };
    for (let i = 0; i < 40; i++) deep = { d: deep };
    class Money {
      constructor(readonly amount: number) {}
    }
    const values: Record<string, unknown>[] = [
      { circular, getter },
      { big: 10n ** 30n, sym: Symbol('s'), fn: () => 1, undef: undefined, nan: NaN, inf: -Infinity },
      { date: new Date(0), bad_date: new Date(NaN), map: new Map<unknown, unknown>([[1, 'a'], ['1', 'b']]), set: new Set([1, 'a']), buf: Buffer.from('hi') },
      { money: new Money(5), json: { toJSON: () => 'as text' }, undefined_json: { toJSON: () => undefined }, proxy: new Proxy({ a: 1 }, {}) },
      {
        keys_throw: new Proxy({ a: 1 }, { ownKeys: () => { throw new Error('ownKeys'); } }),
        descriptor_throws: new Proxy({ a: 1 }, { getOwnPropertyDescriptor: () => { throw new Error('descriptor'); } }),
        inherited: Object.assign(Object.create({ inherited: 'x' }) as Record<string, unknown>, { own: 1 }),
      },
      { deep },
      { mixed: [1, 'a', { b: 2 }, [3, 'c'], null, undefined], ints_and_fractions: [1, 1.5], nested_mixed: [[1, 'a'], [2]] },
      { quote: 'he said "hi"\n\ttab \\ back', control: '\u0001\u001f', lone: 'x\ud800y', pair: '😀', unicode_key_é: 'ü', ['k"ey']: 1 },
      { event: { duration: '12', original: 5, category: ['a', 1] }, http: { response: { status_code: 200.7, bytes: '12' } }, user: { id: 1, roles: [1, 'a'] }, client: { ip: 42 } },
      { url: { full: 'https://user:pw@example.com/cb?code=abc&state=1', query: 'api_key=x' }, payload: { phone: 96566667777, contact: { email: 'x@y.co' } } },
      JSON.parse('{"__proto__":{"polluted":1},"constructor":{"prototype":1}}') as Record<string, unknown>,
      { arr: new Array(300).fill(1) },
      { many: Object.fromEntries(Array.from({ length: 250 }, (_, i) => [`k${i}`, i])) },
    ];
    for (const v of values) {
      both(() => ({ level: 'info', [LEVEL]: 'info', message: 'hostile', ...v }));
      both(() => ({ level: 'info', [LEVEL]: 'info', message: 'hostile', ...v }), { bind: CONTEXT, trace: true });
    }
  });

  it('caps reached inside a line: the chain decides', () => {
    const small = { options: { limits: { maxFields: 12, maxKeys: 5, maxArrayItems: 3, maxStringLength: 16, maxDepth: 3 } } };
    both(line({ a: { b: 1, c: 2, d: 3, e: 4, f: 5, g: 6 } }), small);
    both(line({ a: [1, 2, 3, 4, 5] }), small);
    both(line({ a: { b: { c: { d: { e: 1 } } } } }), small);
    both(line({ s: 'x'.repeat(40), e: 'long text with jane@example.com inside' }), small);
    both(line({ x: 1 }), { ...small, bind: CONTEXT });
    both(line({ a: 1, b: 2, c: 3, d: 4, e: 5, f: 6 }), small);
    both(line({ http: { request: { a: 1 } } }), { options: { limits: { maxDepth: 1 } } });
    // the renderer's own line cap, apart from the mask's limits
    both(line({ a: 'x'.repeat(1500) }), { options: { limits: { maxLineBytes: 1024 }, mask: { limits: {} } } });
    // arrays nested 64 deep: the extra object counts as an enclosing object
    let nested: unknown = 1;
    for (let i = 0; i < 64; i++) nested = [nested];
    both(line({ a: nested, b: { c: nested } }));
    both(line({ x: 1 }), { bind: { extra: { deep: nested as never } } });
  });

  it('index-like root fields of a scope, and a context that cannot change behind the cache', () => {
    both(line({ x: 1 }), { options: { rootFields: ['7'] }, bind: { extra: { 7: 'seven', a: 1 } } });
    runWithLoggingContext(() => {
      bindLoggingContext({ extra: { order: { status: 'new' } } });
      const ctx = getLoggingContext() as unknown as { extra: { order: { status: string } } };
      expect(() => {
        ctx.extra.order.status = 'paid';
      }).toThrow(TypeError);
      expect(ctx.extra.order.status).toBe('new');
    });
  });

  it('scope fields that are not plain data are not cached', () => {
    const items = ['a'];
    const setup = { bind: { extra: { items, when: new Date(0) } } as LoggingContextFields };
    expect(both(line({ x: 1 }), setup)).toBe(false);
  });

  it('the 27 chain cases of the Python library', () => {
    const cases = (JSON.parse(readFileSync(join(referenceDir, 'vectors', 'chain-cases.json'), 'utf8')) as { cases: { event: string; kwargs: Record<string, unknown>; context_binds: LoggingContextFields[] }[] }).cases;
    for (const c of cases) {
      const bind = Object.assign({}, ...c.context_binds) as LoggingContextFields;
      both(line(c.kwargs, c.event));
      both(line(c.kwargs, c.event), { bind, trace: true });
    }
  });

  const key = fc.oneof(
    fc.constantFrom('user', 'http', 'event', 'url', 'payment', 'session_id', 'merchant_id', 'payload', 'headers', 'email', 'customer_name', 'phone', 'note', 'shop', 'x'),
    fc.stringMatching(/^[a-z_@.0-9]{1,8}$/),
  );
  const text = fc.oneof(fc.string(), fc.constantFrom('jane@example.com', '+965 6666 7777', 'Bearer abcdefghijklmnopqrstuvwxyz', 'https://u:p@h.io/?token=t', '200', '1.5', 'true'));
  const value = fc.letrec((tie) => ({
    v: fc.oneof({ depthSize: 'small' }, text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(tie('v'), { maxLength: 4 }), fc.dictionary(key, tie('v'), { maxKeys: 4 })),
  })).v;
  fcTest.prop([fc.dictionary(key, value, { maxKeys: 6 }), fc.boolean()], { numRuns: 400 })('on random lines', (fields, scoped) => {
    both(line(fields), scoped ? { bind: CONTEXT, trace: true } : {});
  });

  const scalar = fc.oneof(text, fc.integer(), fc.boolean());
  fcTest.prop(
    [fc.dictionary(key, value, { maxKeys: 4 }), fc.dictionary(key, value, { maxKeys: 5 }), fc.dictionary(key, scalar, { maxKeys: 3 }), fc.option(fc.oneof(fc.integer(), text))],
    { numRuns: 300 },
  )('on random lines in random scopes', (fields, extra, labels, userId) => {
    both(line(fields), { bind: { extra, labels, userId: userId ?? undefined, sessionId: 'sess-1' }, trace: true });
  });
});

describe('createEcsLogger picks the one pass only when nothing else reads the fields', () => {
  class FieldReader extends Transport {
    readonly seen: Info[] = [];
    override log(info: Info, next: () => void): void {
      this.seen.push(info);
      next();
    }
  }

  it('a transport that reads fields gets the masked fields', async () => {
    const { logger, capture } = makeLogger();
    logger.info('one', { customer_name: 'Jane Doe' });
    const reader = new FieldReader();
    logger.add(reader);
    logger.info('two', { customer_name: 'Jane Doe' });
    logger.remove(reader);
    logger.info('three', { customer_name: 'Jane Doe' });
    await flush(logger);
    expect(capture.records().map((r) => r.message)).toEqual(['one', 'two', 'three']);
    expect(reader.seen).toHaveLength(1);
    const extra = reader.seen[0].extra as Record<string, unknown>;
    expect(extra.customer_name).toMatch(/^ptok:v1:/);
    expect(capture.records()[0].extra).toEqual(capture.records()[2].extra);
  });

  it('a transport with its own format, or a data listener, gets the fields too', async () => {
    const capture: string[] = [];
    const stream = new (await import('node:stream')).Writable({ write(c, _e, cb) { capture.push(String(c)); cb(); } });
    const formatted: Info[] = [];
    const recording = winston.format((i) => {
      formatted.push(i as unknown as Info);
      return i;
    })();
    const logger = createEcsLogger({ env, transports: [new winston.transports.Stream({ stream, format: recording })] });
    const data: Info[] = [];
    logger.info('formatted', { email: 'jane@example.com' });
    logger.on('data', (info: Info) => data.push(info));
    logger.info('listened', { email: 'jane@example.com' });
    await flush(logger);
    expect(data).toHaveLength(1);
    expect((data[0].extra as Record<string, unknown>).email).toMatch(/^ptok:v1:/);
    expect(capture.map((l) => JSON.parse(l).message)).toEqual(['formatted', 'listened']);
    // the transport's format saw the chain's masked fields, not the lean info of the one pass
    expect(formatted).toHaveLength(2);
    for (const info of formatted) expect((info.extra as Record<string, unknown>).email).toMatch(/^ptok:v1:/);
  });

  it('an object-mode stream or a log option gets the fields; the default Stream transport takes the one pass', async () => {
    const objects: Info[] = [];
    const objectStream = new (await import('node:stream')).Writable({ objectMode: true, write(info, _e, cb) { objects.push(info as Info); cb(); } });
    const viaObjects = createEcsLogger({ env, transports: [new winston.transports.Stream({ stream: objectStream })] });
    viaObjects.info('as objects', { email: 'jane@example.com' });
    const logged: Info[] = [];
    const viaLog = createEcsLogger({ env, transports: [new winston.transports.Console({ log: (info: Info, next: () => void) => { logged.push(info); next(); } } as never)] });
    viaLog.info('through log', { email: 'jane@example.com' });
    await flush(viaObjects);
    await flush(viaLog);
    expect((objects[0].extra as Record<string, unknown>).email).toMatch(/^ptok:v1:/);
    expect((logged[0].extra as Record<string, unknown>).email).toMatch(/^ptok:v1:/);
    const { logger } = makeLogger();
    expect(onlyLineReaders(logger)()).toBe(true);
    expect(onlyLineReaders(viaObjects)()).toBe(false);
    expect(onlyLineReaders(viaLog)()).toBe(false);
  });

  it('a reader of logger.read() (a readable listener) gets the fields too', async () => {
    const { logger } = makeLogger();
    const read: Info[] = [];
    const onReadable = () => {
      for (let info = logger.read() as Info | null; info !== null; info = logger.read() as Info | null) read.push(info);
    };
    logger.on('readable', onReadable);
    expect(onlyLineReaders(logger)()).toBe(false);
    logger.info('read by hand', { email: 'jane@example.com' });
    await flush(logger);
    logger.off('readable', onReadable);
    expect((read[0].extra as Record<string, unknown>).email).toMatch(/^ptok:v1:/);
  });

  it('a `logged` listener on the transport gets the fields too', async () => {
    const { logger, capture } = makeLogger();
    const seen: Info[] = [];
    logger.transports[0].on('logged', (info: Info) => seen.push(info));
    logger.info('with a logged listener', { email: 'jane@example.com' });
    await flush(logger);
    expect((seen[0].extra as Record<string, unknown>).email).toMatch(/^ptok:v1:/);
    expect(capture.records()[0].extra.email).toBe((seen[0].extra as Record<string, unknown>).email);
  });
});
