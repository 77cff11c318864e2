/**
 * BullMQ with the real bullmq-otel telemetry and the OpenTelemetry Node SDK, in process
 * (NodeTracerProvider.register() installs the AsyncLocalStorage context manager and the W3C
 * propagator), on a real Redis. The spans the in-memory exporter received are the reference:
 * every line a job writes must carry its consumer (`process`) span's id and the producer's
 * trace id, and the logging context captured at `add` must still travel beside bullmq-otel's
 * carrier, which the package leaves exactly as BullMQ wrote it.
 *
 * The provider is global to the process. vitest runs every test file in its own forked
 * process here (`pool: 'forks'`, isolated, in vitest.config.ts), so nothing registered here
 * reaches another file; `afterAll` still shuts the provider down and unregisters the
 * globals, and checks that they are gone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { context, propagation, SpanKind, trace, type Span } from '@opentelemetry/api';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { BullMQOtel } from 'bullmq-otel';
import { FlowProducer, Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import {
  bindLoggingContext,
  resetDiagnostics,
  runWithLoggingContext,
  setDiagnosticHandler,
  traceFromHeaders,
  type Diagnostic,
  type LoggingContextFields,
} from '@ecsctx/core';
import { inboundTrace } from '@ecsctx/core/integration';
import { parseTraceparent } from '@ecsctx/core/trace';
import {
  BULLMQ_DIAGNOSTICS,
  JOB_LIFECYCLE_MESSAGES,
  LOG_CONTEXT_KEY,
  LogContextFlowProducer,
  LogContextQueue,
  LogContextWorker,
  instrumentFlowProducer,
  instrumentQueue,
  type CapturedLogContext,
} from '@ecsctx/bullmq';
import { flush, makeLogger } from '../../core/test/support/logger';
import { REDIS_URL, connection, createRedisHarness } from './support/redis';
import { inboundTraceparent, waitForCompleted, waitForEvent } from './support/jobs';

// BullMQ's TelemetryAttributes.JobId / QueueName
const JOB_ID_ATTRIBUTE = 'bullmq.job.id';
const QUEUE_NAME_ATTRIBUTE = 'bullmq.queue.name';
const SPAN_DEADLINE_MS = 10_000;

/** Ended spans, with a way to wait for the ones a test needs (a consumer span ends after `completed`). */
class EndedSpans implements SpanProcessor {
  private readonly waiters = new Set<() => void>();
  readonly ended: ReadableSpan[] = [];
  onStart(): void {}
  onEnd(span: ReadableSpan): void {
    this.ended.push(span);
    for (const check of [...this.waiters]) check();
  }
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
  /** Resolves with the ended spans matching `match` once there are `count` of them. */
  waitFor(match: (span: ReadableSpan) => boolean, count: number): Promise<ReadableSpan[]> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const found = this.ended.filter(match);
        if (found.length < count) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(found);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`only ${this.ended.filter(match).length} of ${count} spans ended within ${SPAN_DEADLINE_MS} ms`));
      }, SPAN_DEADLINE_MS);
      this.waiters.add(check);
      check();
    });
  }
}

const exporter = new InMemorySpanExporter();
const ended = new EndedSpans();
const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter), ended] });
const redis = createRedisHarness();
const { prefix } = redis;
const telemetry = new BullMQOtel({ tracerName: 'shopfront' });

/** True when a tracer provider is registered globally (without one, the API hands out non-recording spans). */
function tracingIsRegistered(): boolean {
  const probe = trace.getTracer('probe').startSpan('probe');
  const recording = probe.isRecording();
  probe.end();
  return recording;
}

beforeAll(() => {
  // nothing registered by an earlier file in this process (there is none: one process per file)
  expect(tracingIsRegistered()).toBe(false);
  provider.register();
  expect(tracingIsRegistered()).toBe(true);
});

afterAll(async () => {
  try {
    await redis.cleanup(); // workers first: their last spans end before the provider shuts down
  } finally {
    await provider.shutdown();
    trace.disable();
    context.disable();
    propagation.disable();
  }
  expect(tracingIsRegistered()).toBe(false);
  expect(propagation.fields()).toEqual([]);
});

const exported = (): ReadableSpan[] => exporter.getFinishedSpans();
/** Job ids are per queue: a span is the job's when both its attributes match. */
const isSpanOf = (job: Job, kind: SpanKind) => (span: ReadableSpan): boolean =>
  span.kind === kind && span.attributes[JOB_ID_ATTRIBUTE] === job.id && span.attributes[QUEUE_NAME_ATTRIBUTE] === job.queueName;
const isProcessOf = (job: Job) => isSpanOf(job, SpanKind.CONSUMER);
const isAddOf = (job: Job) => isSpanOf(job, SpanKind.PRODUCER);
/** The one exported span matching `match`. */
function exportedSpan(match: (span: ReadableSpan) => boolean): ReadableSpan {
  const found = exported().filter(match);
  expect(found).toHaveLength(1);
  return found[0];
}
const carrierOf = (job: Job): CapturedLogContext => (job.opts as Record<string, unknown>)[LOG_CONTEXT_KEY] as CapturedLogContext;

const REQUEST_CONTEXT: LoggingContextFields = {
  userId: 'user-42',
  ip: '203.0.113.7',
  sessionId: 'sess-otel',
  extra: { merchant_id: 'acme', shopapp: { store_id: 's1' } },
  labels: { tenant: 'eu-1' },
};

/** Runs `fn` as an OpenTelemetry-instrumented HTTP server would: inside an active server span, in a scope that adopted its trace. */
async function inInstrumentedRequest<R>(fn: () => Promise<R>): Promise<{ result: R; server: Span }> {
  const server = trace.getTracer('http').startSpan('POST /orders', { kind: SpanKind.SERVER });
  try {
    const result = await context.with(trace.setSpan(context.active(), server), () =>
      runWithLoggingContext(fn, { trace: inboundTrace(undefined), context: REQUEST_CONTEXT }),
    );
    return { result, server };
  } finally {
    server.end();
  }
}

describe('a job added inside an active OpenTelemetry span', () => {
  it("logs every line of the job with its consumer span's id and the producer's trace id, and restores the captured context", async () => {
    const { logger, capture } = makeLogger();
    const queue = redis.track(new LogContextQueue<{ orderId: string }>('receipts', { connection, prefix, telemetry }));
    const worker = redis.track(
      new LogContextWorker<{ orderId: string }>('receipts', async (job) => {
        bindLoggingContext({ extra: { shopapp: { order_id: job.data.orderId } } });
        logger.info('receipt_sent');
      }, { connection, prefix, telemetry, logContext: { logger } }),
    );
    const completed = waitForCompleted(worker, 1);
    const { result: job, server } = await inInstrumentedRequest(async () => {
      logger.info('order_created');
      return queue.add('send-receipt', { orderId: 'o-1' });
    });
    await completed;
    const [processSpan] = await ended.waitFor(isProcessOf(job), 1);
    await flush(logger);

    // the spans: server → add (producer) → process (consumer), one trace
    const { traceId, spanId: serverSpanId } = server.spanContext();
    const addSpan = exportedSpan(isAddOf(job));
    expect(addSpan.spanContext().traceId).toBe(traceId);
    expect(addSpan.parentSpanContext?.spanId).toBe(serverSpanId);
    expect(exportedSpan(isProcessOf(job))).toBe(processSpan);
    expect(processSpan.spanContext().traceId).toBe(traceId);
    expect(processSpan.parentSpanContext?.spanId).toBe(addSpan.spanContext().spanId);
    // the snapshot names the same trace (OpenTelemetry's own traceparent for the server span)
    expect(carrierOf(job).traceparent).toBe(`00-${traceId}-${serverSpanId}-01`);

    const [request, ...inJob] = capture.records();
    expect(request.message).toBe('order_created');
    expect(request.trace.id).toBe(traceId);
    expect(request.span.id).toBe(serverSpanId);
    expect(inJob.map((l) => l.message)).toEqual([JOB_LIFECYCLE_MESSAGES.started, 'receipt_sent', JOB_LIFECYCLE_MESSAGES.completed]);
    for (const line of inJob) {
      expect(line.trace.id).toBe(traceId);
      expect(line.span.id).toBe(processSpan.spanContext().spanId);
      expect(line.user).toEqual({ id: 'user-42' });
      expect(line.client).toEqual({ ip: '203.0.113.7' });
      expect(line.session_id).toBe('sess-otel');
      expect(line.merchant_id).toBe('acme');
      expect(line.labels).toEqual({ tenant: 'eu-1' });
      expect(line.bullmq).toEqual({ job: { id: job.id, name: 'send-receipt', attempt: 1 }, queue: { name: 'receipts' } });
    }
    expect(inJob[1].extra).toEqual({ shopapp: { store_id: 's1', order_id: 'o-1' } });
  });

  it('logs each attempt of a retried job with that attempt’s consumer span, all children of one producer span', async () => {
    const { logger, capture } = makeLogger();
    const queue = redis.track(new LogContextQueue('flaky', { connection, prefix, telemetry }));
    const worker = redis.track(
      new LogContextWorker('flaky', async (job) => {
        logger.info('charging_card');
        if (job.attemptsMade === 0) throw new Error('gateway timeout');
      }, { connection, prefix, telemetry }),
    );
    const completed = waitForCompleted(worker, 1);
    const { result: job, server } = await inInstrumentedRequest(() => queue.add('charge', {}, { attempts: 2 }));
    await completed;
    const attempts = await ended.waitFor(isProcessOf(job), 2);
    await flush(logger);

    const addSpan = exportedSpan(isAddOf(job));
    const lines = capture.records();
    expect(lines.map((l) => l.bullmq.job.attempt)).toEqual([1, 2]);
    expect(lines.map((l) => l.span.id)).toEqual(attempts.map((s) => s.spanContext().spanId));
    expect(new Set(lines.map((l) => l.span.id)).size).toBe(2);
    for (const [i, line] of lines.entries()) {
      expect(line.trace.id).toBe(server.spanContext().traceId);
      expect(line.session_id).toBe('sess-otel');
      expect(attempts[i].parentSpanContext?.spanId).toBe(addSpan.spanContext().spanId);
    }
  });
});

describe('a request traced by ecsctx alone (its own W3C trace, no OpenTelemetry span active at add)', () => {
  it("the request's trace wins: BullMQ's spans continue it, and the job's lines carry it with their consumer span's id", async () => {
    const { logger, capture } = makeLogger();
    const queue = redis.track(new LogContextQueue('invoices', { connection, prefix, telemetry }));
    const flows = redis.track(new LogContextFlowProducer({ connection, prefix, telemetry }));
    const worker = redis.track(new LogContextWorker('invoices', async () => void logger.info('invoice_step'), { connection, prefix, telemetry, concurrency: 4 }));
    const completed = waitForCompleted(worker, 5);
    const { traceparent, traceId } = inboundTraceparent();
    const { single, bulk, flow } = await runWithLoggingContext(
      async () => {
        logger.info('invoice_requested');
        expect(trace.getSpanContext(context.active())).toBeUndefined();
        const [single, bulk, flow] = await Promise.all([
          queue.add('single', {}),
          queue.addBulk([{ name: 'bulk-1', data: {} }, { name: 'bulk-2', data: {} }]),
          flows.add({ name: 'parent', queueName: 'invoices', data: {}, children: [{ name: 'child', queueName: 'invoices', data: {} }] }),
        ]);
        return { single, bulk, flow };
      },
      { trace: traceFromHeaders({ traceparent }), context: REQUEST_CONTEXT },
    );
    const jobs = [single, ...bulk, flow.job, ...(flow.children ?? []).map((c) => c.job)];
    await completed;
    const processSpans = await Promise.all(jobs.map(async (job) => (await ended.waitFor(isProcessOf(job), 1))[0]));
    await flush(logger);

    // every span BullMQ made for these adds is in the request's trace
    const producerSpans = exported().filter((s) => s.kind === SpanKind.PRODUCER && s.attributes[QUEUE_NAME_ATTRIBUTE] === 'invoices');
    expect(producerSpans.map((s) => s.name).sort()).toEqual(['add invoices.single', 'addBulk invoices', 'addFlow invoices', 'addNode invoices', 'addNode invoices']);
    for (const span of [...producerSpans, ...processSpans]) expect(span.spanContext().traceId).toBe(traceId);
    // the producer span is a child of the snapshot's parent-id: the snapshot and the spans tell one story
    expect(exportedSpan(isAddOf(single)).parentSpanContext?.spanId).toBe(parseTraceparent(carrierOf(single).traceparent!)?.parentId);

    const [request, ...inJobs] = capture.records();
    expect(request.message).toBe('invoice_requested');
    expect(request.trace.id).toBe(traceId);
    expect(inJobs).toHaveLength(5);
    const spanOfJob = new Map(jobs.map((job, i) => [job.id, processSpans[i].spanContext().spanId]));
    for (const line of inJobs) {
      expect(line.trace.id).toBe(traceId);
      expect(line.span.id).toBe(spanOfJob.get(line.bullmq.job.id));
      expect(line.session_id).toBe('sess-otel');
      expect(line.merchant_id).toBe('acme');
    }
  });

  it('does the same for a queue and a flow producer instrumented in place', async () => {
    const { logger, capture } = makeLogger();
    const queue = instrumentQueue(redis.track(new Queue('instrumented', { connection, prefix, telemetry })));
    const flows = instrumentFlowProducer(redis.track(new FlowProducer({ connection, prefix, telemetry })));
    const worker = redis.track(new LogContextWorker('instrumented', async () => void logger.info('instrumented_job'), { connection, prefix, telemetry }));
    const completed = waitForCompleted(worker, 2);
    const { traceparent, traceId } = inboundTraceparent();
    const [job, flow] = await runWithLoggingContext(() => Promise.all([queue.add('x', {}), flows.add({ name: 'y', queueName: 'instrumented', data: {} })]), {
      trace: traceFromHeaders({ traceparent }),
      context: { sessionId: 'sess-inst' },
    });
    await completed;
    const processSpans = [(await ended.waitFor(isProcessOf(job), 1))[0], (await ended.waitFor(isProcessOf(flow.job), 1))[0]];
    await flush(logger);

    expect(exportedSpan(isAddOf(job)).spanContext().traceId).toBe(traceId);
    expect(exportedSpan(isAddOf(flow.job)).spanContext().traceId).toBe(traceId); // the addNode span
    const lines = capture.records();
    expect(lines.map((l) => l.trace.id)).toEqual([traceId, traceId]);
    expect(lines.map((l) => l.span.id).sort()).toEqual(processSpans.map((s) => s.spanContext().spanId).sort());
    expect(lines.map((l) => l.session_id)).toEqual(['sess-inst', 'sess-inst']);
  });
});

describe('a job whose consumer span has no producer context', () => {
  it.each([
    ['a producer without telemetry', 'no-telemetry', false],
    ['telemetry.omitContext on the job', 'omit-context', true],
  ])("with %s, logs in the consumer span's new trace (the spans decide) and still restores the fields", async (_what, name, withTelemetry) => {
    const { logger, capture } = makeLogger();
    const queue = redis.track(new LogContextQueue(name, { connection, prefix, ...(withTelemetry ? { telemetry } : {}) }));
    const worker = redis.track(new LogContextWorker(name, async () => void logger.info('detached_span_job'), { connection, prefix, telemetry }));
    const completed = waitForCompleted(worker, 1);
    const { result: job, server } = await inInstrumentedRequest(() => queue.add('x', {}, withTelemetry ? { telemetry: { omitContext: true } } : {}));
    await completed;
    const [processSpan] = await ended.waitFor(isProcessOf(job), 1);
    await flush(logger);

    expect(processSpan.parentSpanContext).toBeUndefined();
    expect(processSpan.spanContext().traceId).not.toBe(server.spanContext().traceId);
    const [line] = capture.records();
    expect(line.trace.id).toBe(processSpan.spanContext().traceId);
    expect(line.span.id).toBe(processSpan.spanContext().spanId);
    expect(line.session_id).toBe('sess-otel');
  });
});

describe('a job made by a job scheduler with bullmq-otel', () => {
  it("starts with empty fields, and its lines follow the consumer span into the trace BullMQ's telemetry gives it", async () => {
    const { logger, capture } = makeLogger();
    const queue = redis.track(new LogContextQueue('nightly', { connection, prefix, telemetry }));
    const worker = redis.track(new LogContextWorker('nightly', async () => void logger.info('inquiry_started'), { connection, prefix, telemetry }));
    const completed = waitForCompleted(worker, 1);
    const { server } = await inInstrumentedRequest(() => queue.upsertJobScheduler('payment-inquiry', { every: 60_000 }, { name: 'inquiry', data: {} }));
    const [job] = await completed;
    const [processSpan] = await ended.waitFor(isProcessOf(job), 1);
    await queue.removeJobScheduler('payment-inquiry');
    await flush(logger);

    const [line] = capture.records();
    expect(line.session_id).toBeUndefined();
    expect(line.bullmq.job.scheduler_id).toBe('payment-inquiry');
    expect(line.span.id).toBe(processSpan.spanContext().spanId);
    expect(line.trace.id).toBe(processSpan.spanContext().traceId);
    // BullMQ propagates the upsert's context into the scheduled job: the spans (and so the line) are in the request's trace
    expect(processSpan.spanContext().traceId).toBe(server.spanContext().traceId);
  });
});

describe('a stalled job with bullmq-otel on the worker', () => {
  it("is logged as stalled in the job's trace, not in the trace of BullMQ's stalled-jobs check", async () => {
    const { logger, capture } = makeLogger();
    const queue = redis.track(new LogContextQueue('stalls', { connection, prefix, telemetry }));
    const { result: job, server } = await inInstrumentedRequest(() => queue.add('resize', {}));
    // a worker that takes the job and goes silent, as a crashed process would
    const silent = redis.track(new Worker('stalls', null, { connection, prefix, lockDuration: 400, autorun: false }));
    expect((await silent.getNextJob('silent-token'))?.id).toBe(job.id);
    const rescuer = redis.track(
      new LogContextWorker('stalls', async () => void logger.info('resizing_image'), {
        connection,
        prefix,
        telemetry,
        stalledInterval: 200,
        lockDuration: 400,
        logContext: { logger },
      }),
    );
    const stalled = waitForEvent(rescuer, 'stalled');
    const completed = waitForCompleted(rescuer, 1);
    await stalled;
    await completed;
    const [processSpan] = await ended.waitFor(isProcessOf(job), 1);
    await flush(logger);

    const traceId = server.spanContext().traceId;
    const lines = capture.records();
    const stalledLine = lines.find((l) => l.message === JOB_LIFECYCLE_MESSAGES.stalled)!;
    const check = exported().find((s) => s.name === 'moveStalledJobsToWait stalls' && s.events.some((e) => e.attributes?.[JOB_ID_ATTRIBUTE] === job.id));
    expect(check?.spanContext().traceId).not.toBe(traceId);
    expect(stalledLine.trace.id).toBe(traceId);
    expect(stalledLine.span.id).toBe(exportedSpan(isAddOf(job)).spanContext().spanId); // the job's propagated context
    expect(stalledLine.session_id).toBe('sess-otel');
    expect(stalledLine.bullmq.job.id).toBe(job.id);
    const work = lines.find((l) => l.message === 'resizing_image')!;
    expect(work.trace.id).toBe(traceId);
    expect(work.span.id).toBe(processSpan.spanContext().spanId);
  });
});

describe('a job from a producer with bullmq-otel only (no snapshot)', () => {
  it("logs with the consumer span's ids in the producer's trace, with one ECSCTX_BULLMQ_CONTEXT_MISSING", async () => {
    const diagnostics: Diagnostic[] = [];
    setDiagnosticHandler((d) => diagnostics.push(d));
    try {
      const { logger, capture } = makeLogger();
      const queue = redis.track(new Queue('otel-only', { connection, prefix, telemetry }));
      const worker = redis.track(new LogContextWorker('otel-only', async () => void logger.info('otel_produced'), { connection, prefix, telemetry }));
      const completed = waitForCompleted(worker, 1);
      const { result: job, server } = await inInstrumentedRequest(() => queue.add('x', {}));
      await completed;
      const [processSpan] = await ended.waitFor(isProcessOf(job), 1);
      await flush(logger);

      expect(carrierOf(job)).toBeUndefined();
      const [line] = capture.records();
      expect(line.trace.id).toBe(server.spanContext().traceId);
      expect(line.span.id).toBe(processSpan.spanContext().spanId);
      expect(line.session_id).toBeUndefined();
      expect(diagnostics.map((d) => d.code)).toEqual([BULLMQ_DIAGNOSTICS.contextMissing]);
    } finally {
      setDiagnosticHandler(undefined);
      resetDiagnostics();
    }
  });
});

describe("bullmq-otel's carrier in opts.telemetry", () => {
  /** The job's options as stored in Redis (BullMQ's short keys: `tm` is telemetry.metadata, `omc` telemetry.omitContext). */
  async function storedOptions(queueName: string, jobId: string): Promise<Record<string, unknown>> {
    const client = new Redis(REDIS_URL, { lazyConnect: true });
    await client.connect();
    try {
      return JSON.parse((await client.hget(`${prefix}:${queueName}:${jobId}`, 'opts')) ?? '{}') as Record<string, unknown>;
    } finally {
      await client.quit();
    }
  }

  it('is stored byte-identical to what BullMQ writes without the package, with opts.ecsctx beside it', async () => {
    const ours = redis.track(new LogContextQueue('carrier-ours', { connection, prefix, telemetry }));
    const plain = redis.track(new Queue('carrier-plain', { connection, prefix, telemetry }));
    const callerOpts = { attempts: 3 };
    const { result } = await inInstrumentedRequest(async () => Promise.all([ours.add('x', {}, callerOpts), plain.add('x', {}, callerOpts)]));
    const [oursJob, plainJob] = result;
    expect(callerOpts).toEqual({ attempts: 3 }); // the caller's options are not changed

    const [oursStored, plainStored] = await Promise.all([storedOptions('carrier-ours', oursJob.id!), storedOptions('carrier-plain', plainJob.id!)]);
    for (const [stored, job] of [[oursStored, oursJob], [plainStored, plainJob]] as const) {
      // what bullmq-otel's getMetadata() writes for the job's producer span, to the byte
      const add = exportedSpan(isAddOf(job)).spanContext();
      expect(stored.tm).toBe(JSON.stringify({ traceparent: `00-${add.traceId}-${add.spanId}-01` }));
      expect(job.opts.telemetry).toEqual({ metadata: stored.tm });
    }
    // the rest is the same too (each job's own producer span aside)
    const { [LOG_CONTEXT_KEY]: snapshot, tm: _oursMetadata, ...rest } = oursStored;
    const { tm: _plainMetadata, ...plainRest } = plainStored;
    expect(rest).toEqual(plainRest);
    expect(snapshot).toEqual(carrierOf(oursJob));
    expect(snapshot).toMatchObject({ v: 1, context: { sessionId: 'sess-otel' } });
    expect(plainStored[LOG_CONTEXT_KEY]).toBeUndefined();
  });

  it('keeps telemetry options the caller gave (omitContext, an explicit metadata) exactly as BullMQ does', async () => {
    const ours = redis.track(new LogContextQueue('given-ours', { connection, prefix, telemetry }));
    const plain = redis.track(new Queue('given-plain', { connection, prefix, telemetry }));
    const given = JSON.stringify({ traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' });
    const add = (queue: Queue) =>
      Promise.all([
        queue.add('omit', {}, { telemetry: { omitContext: true } }),
        queue.addBulk([{ name: 'given', data: {}, opts: { telemetry: { metadata: given } } }]),
      ]);
    const { result } = await inInstrumentedRequest(async () => Promise.all([add(ours), add(plain)]));
    const [[oursOmit, [oursGiven]], [plainOmit, [plainGiven]]] = result;

    const stored = await Promise.all([
      storedOptions('given-ours', oursOmit.id!),
      storedOptions('given-plain', plainOmit.id!),
      storedOptions('given-ours', oursGiven.id!),
      storedOptions('given-plain', plainGiven.id!),
    ]);
    const withoutSnapshot = (o: Record<string, unknown>): Record<string, unknown> => {
      const { [LOG_CONTEXT_KEY]: _snapshot, ...rest } = o;
      return rest;
    };
    expect(stored[0].omc).toBe(true);
    expect(stored[0].tm).toBeUndefined();
    expect(withoutSnapshot(stored[0])).toEqual(stored[1]);
    expect(stored[2].tm).toBe(given);
    expect(withoutSnapshot(stored[2])).toEqual(stored[3]);
    expect(stored[0][LOG_CONTEXT_KEY]).toMatchObject({ v: 1 });
    expect(stored[2][LOG_CONTEXT_KEY]).toMatchObject({ v: 1 });
  });
});
