/**
 * A job without a carrier, or with something else under the key, runs normally: fresh
 * context, new trace, its identity, and exactly one warning. Never a crash, never a stuck job.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Queue } from 'bullmq';
import { getLoggingContext, getTraceContext, resetDiagnostics, runWithLoggingContext, setDiagnosticHandler, traceFromHeaders, type Diagnostic } from '@ecsctx/core';
import { BULLMQ_DIAGNOSTICS, LOG_CONTEXT_KEY, LogContextQueue, LogContextWorker, readLogContext, runWithJobLogContext } from '@ecsctx/bullmq';
import { flush, makeLogger } from '../../core/test/support/logger';
import { connection, createRedisHarness } from './support/redis';
import { waitForCompleted } from './support/jobs';

const redis = createRedisHarness();
const { prefix } = redis;
afterAll(() => redis.cleanup());
afterEach(() => {
  setDiagnosticHandler(undefined);
  resetDiagnostics();
});

const MALFORMED: Array<[string, { opts?: Record<string, unknown>; data?: Record<string, unknown> }]> = [
  ['a string in the options', { opts: { [LOG_CONTEXT_KEY]: 'not a carrier' } }],
  ["someone else's number in the data", { data: { [LOG_CONTEXT_KEY]: 42 } }],
  ["someone else's object in the data", { data: { [LOG_CONTEXT_KEY]: { user: 'bob', roles: ['admin'] } } }],
  ['an unknown version', { opts: { [LOG_CONTEXT_KEY]: { v: 2, context: { sessionId: 's' } } } }],
  ['an invalid traceparent', { opts: { [LOG_CONTEXT_KEY]: { v: 1, traceparent: '00-not-a-trace-01' } } }],
  ['a userId object', { opts: { [LOG_CONTEXT_KEY]: { v: 1, context: { userId: { id: 1 } } } } }],
  ['a numeric sessionId', { opts: { [LOG_CONTEXT_KEY]: { v: 1, context: { sessionId: 12 } } } }],
  ['an array as extra', { opts: { [LOG_CONTEXT_KEY]: { v: 1, context: { extra: ['a'] } } } }],
  ['an object label', { opts: { [LOG_CONTEXT_KEY]: { v: 1, context: { labels: { a: { b: 1 } } } } } }],
];

describe('a job with a malformed carrier', () => {
  it.each(MALFORMED)('runs with a fresh context and one warning: %s', async (_what, { opts, data }) => {
    const diagnostics: Diagnostic[] = [];
    setDiagnosticHandler((d) => diagnostics.push(d));
    const { logger, capture } = makeLogger();
    const name = `malformed-${MALFORMED.findIndex(([w]) => w === _what)}`;
    const queue = redis.track(new Queue(name, { connection, prefix }));
    const worker = redis.track(new LogContextWorker(name, async () => void logger.info('still_working'), { connection, prefix }));
    const done = waitForCompleted(worker, 1);
    const job = await queue.add('x', data ?? {}, opts);
    await done;
    await flush(logger);

    expect(diagnostics.map((d) => d.code)).toEqual([BULLMQ_DIAGNOSTICS.contextMalformed]);
    const [line] = capture.records();
    expect(line.trace.id).toMatch(/^[0-9a-f]{32}$/);
    expect(line.span.id).toMatch(/^[0-9a-f]{16}$/);
    expect(line.session_id).toBeUndefined();
    expect(line.user).toBeUndefined();
    expect(line.bullmq.job.id).toBe(job.id);
    expect(await queue.getJobCounts('completed', 'failed', 'active', 'wait')).toEqual({ completed: 1, failed: 0, active: 0, wait: 0 });
  });
});

describe('a job without a carrier', () => {
  it('runs with a fresh context, a new trace and one warning', async () => {
    const diagnostics: Diagnostic[] = [];
    setDiagnosticHandler((d) => diagnostics.push(d));
    const { logger, capture } = makeLogger();
    const queue = redis.track(new Queue('no-carrier', { connection, prefix }));
    const worker = redis.track(new LogContextWorker('no-carrier', async () => void logger.info('unwrapped_producer'), { connection, prefix, concurrency: 2 }));
    const done = waitForCompleted(worker, 2);
    await queue.add('x', {});
    await queue.add('y', {});
    await done;
    await flush(logger);

    expect(diagnostics.map((d) => d.code)).toEqual([BULLMQ_DIAGNOSTICS.contextMissing]);
    const lines = capture.records();
    expect(lines).toHaveLength(2);
    expect(lines[0].trace.id).not.toBe(lines[1].trace.id);
  });

  it("continues the W3C trace of BullMQ's telemetry metadata (a bullmq-otel producer, a worker without an OpenTelemetry SDK)", async () => {
    const diagnostics: Diagnostic[] = [];
    setDiagnosticHandler((d) => diagnostics.push(d));
    const { logger, capture } = makeLogger();
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    // what bullmq-otel stores for its producer span (bullmq-otel.test.ts checks the format on the real one)
    const metadata = JSON.stringify({ traceparent: `00-${traceId}-00f067aa0ba902b7-01` });
    const queue = redis.track(new Queue('otel-only', { connection, prefix }));
    const worker = redis.track(new LogContextWorker('otel-only', async () => void logger.info('otel_produced'), { connection, prefix }));
    const done = waitForCompleted(worker, 1);
    await queue.add('x', {}, { telemetry: { metadata } });
    await done;
    await flush(logger);
    const [line] = capture.records();
    expect(line.trace.id).toBe(traceId);
    expect(diagnostics.map((d) => d.code)).toEqual([BULLMQ_DIAGNOSTICS.contextMissing]);
  });
});

describe('a job with an empty snapshot', () => {
  it('starts fresh without a warning (the per-job opt-out)', async () => {
    const diagnostics: Diagnostic[] = [];
    setDiagnosticHandler((d) => diagnostics.push(d));
    const { logger, capture } = makeLogger();
    const queue = redis.track(new LogContextQueue('opt-out', { connection, prefix }));
    const worker = redis.track(new LogContextWorker('opt-out', async () => void logger.info('detached_job'), { connection, prefix }));
    const done = waitForCompleted(worker, 1);
    await runWithLoggingContext(() => queue.add('x', {}, { [LOG_CONTEXT_KEY]: { v: 1 } } as object), {
      trace: traceFromHeaders({ traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' }),
      context: { sessionId: 'sess-request' },
    });
    await done;
    await flush(logger);
    const [line] = capture.records();
    expect(line.session_id).toBeUndefined();
    expect(line.trace.id).not.toBe('0af7651916cd43dd8448eb211c80319c');
    expect(diagnostics).toEqual([]);
  });
});

describe('reading a carrier', () => {
  it('never throws, whatever is under the key', () => {
    setDiagnosticHandler(() => undefined);
    fc.assert(
      fc.property(fc.anything(), fc.boolean(), (value, inData) => {
        const job = { id: '1', name: 'n', queueName: 'q', attemptsMade: 0, opts: inData ? {} : { [LOG_CONTEXT_KEY]: value }, data: inData ? { [LOG_CONTEXT_KEY]: value } : {} };
        const restored = readLogContext(job);
        expect(['restored', 'missing', 'malformed']).toContain(restored.status);
      }),
      { numRuns: 500 },
    );
  });

  it('accepts any well-formed carrier', () => {
    setDiagnosticHandler(() => undefined);
    const carrier = fc.record(
      {
        v: fc.constant(1),
        context: fc.record(
          {
            userId: fc.oneof(fc.string(), fc.integer()),
            sessionId: fc.string(),
            extra: fc.dictionary(fc.string(), fc.jsonValue()),
            labels: fc.dictionary(fc.string(), fc.string()),
          },
          { requiredKeys: [] },
        ),
      },
      { requiredKeys: ['v'] },
    );
    fc.assert(
      fc.property(carrier, (value) => {
        const job = { id: '1', name: 'n', queueName: 'q', attemptsMade: 0, opts: { [LOG_CONTEXT_KEY]: JSON.parse(JSON.stringify(value)) } };
        expect(readLogContext(job).status).toBe('restored');
      }),
      { numRuns: 300 },
    );
  });

  it('restores the carried extra key for key, the job identity in place of a carried `bullmq`', () => {
    setDiagnosticHandler(() => undefined);
    const key = fc.oneof(fc.string(), fc.constantFrom('__proto__', 'bullmq', 'constructor', '0', 'toString'));
    fc.assert(
      fc.property(fc.dictionary(key, fc.jsonValue()), fc.nat(5), (extra, attemptsMade) => {
        const carrier = JSON.parse(JSON.stringify({ v: 1, context: { userId: 'u-1', extra } })) as { context: { extra: Record<string, unknown> } };
        const job = { id: '7', name: 'receipt', queueName: 'mail', attemptsMade, opts: { [LOG_CONTEXT_KEY]: carrier } };
        const identity = { job: { id: '7', name: 'receipt', attempt: attemptsMade + 1 }, queue: { name: 'mail' } };
        // the oracle: a spread of the carried extra with the identity on top
        const expected: Record<string, unknown> = { ...carrier.context.extra, bullmq: identity };
        runWithJobLogContext(job, () => {
          const context = getLoggingContext();
          expect(context?.userId).toBe('u-1');
          expect(Object.keys(context?.extra ?? {})).toEqual(Object.keys(expected));
          expect(JSON.stringify(context?.extra)).toBe(JSON.stringify(expected));
          expect(Object.getPrototypeOf(context?.extra)).toBe(Object.prototype);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('continues the carried trace, parsed once; an invalid traceparent makes the carrier malformed', () => {
    setDiagnosticHandler(() => undefined);
    const traceparent = ' 00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01\t';
    const job = (tp: string) => ({ id: '1', name: 'n', queueName: 'q', attemptsMade: 0, opts: { [LOG_CONTEXT_KEY]: { v: 1, traceparent: tp, tracestate: 'vendor=abc' } } });
    const restored = readLogContext(job(traceparent));
    expect(restored.status).toBe('restored');
    expect(restored.trace).toEqual({ traceId: '0af7651916cd43dd8448eb211c80319c', parentId: 'b7ad6b7169203331', traceFlags: 1, traceState: [{ key: 'vendor', value: 'abc' }] });
    runWithJobLogContext(job(traceparent), () => expect(getTraceContext()?.traceId).toBe('0af7651916cd43dd8448eb211c80319c'));
    for (const bad of ['00-00000000000000000000000000000000-b7ad6b7169203331-01', 'garbage', '']) {
      expect(readLogContext(job(bad)).status).toBe('malformed');
    }
  });
});
