/**
 * Context and trace travel from the code that adds a job to the worker that runs it, on a
 * real Redis with real queues, workers and flows, asserted on the JSON lines a real logger wrote.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Queue, Worker, type Job } from 'bullmq';
import { bindLoggingContext, runWithLoggingContext, traceFromHeaders, type LoggingContextFields } from '@ecsctx/core';
import {
  LOG_CONTEXT_KEY,
  LogContextFlowProducer,
  LogContextQueue,
  LogContextWorker,
  attachLogContext,
  captureLogContext,
  instrumentFlowProducer,
  instrumentQueue,
  withLogContext,
} from '@ecsctx/bullmq';
import { flush, makeLogger } from '../../core/test/support/logger';
import { connection, createRedisHarness } from './support/redis';
import { inboundTraceparent, waitForCompleted } from './support/jobs';

const redis = createRedisHarness();
const { prefix } = redis;
afterAll(() => redis.cleanup());

const HEX16 = /^[0-9a-f]{16}$/;

/** Runs `fn` as an inbound request would: a fresh scope continuing the caller's trace. */
function inRequest<R>(context: LoggingContextFields, fn: () => R): { result: R; traceId: string } {
  const { traceparent, traceId } = inboundTraceparent();
  const result = runWithLoggingContext(fn, { trace: traceFromHeaders({ traceparent }), context });
  return { result, traceId };
}

const REQUEST_CONTEXT: LoggingContextFields = {
  spanId: 'a1b2c3d4e5f60718',
  userId: 'user-42',
  ip: '203.0.113.7',
  sessionId: 'sess-9',
  extra: { merchant_id: 'acme', shopapp: { store_id: 's1' } },
  labels: { tenant: 'eu-1' },
};

describe('a job added in a request', () => {
  it("logs with the request's trace id, a new span id, the request's context and the job's identity", async () => {
    const { logger, capture } = makeLogger();
    const queue = redis.track(new LogContextQueue<{ orderId: number }>('receipts', { connection, prefix }));
    const worker = redis.track(
      new LogContextWorker<{ orderId: number }>('receipts', async () => {
        logger.info('sending_receipt');
      }, { connection, prefix }),
    );
    const completed = waitForCompleted(worker, 1);
    const { result, traceId } = inRequest(REQUEST_CONTEXT, async () => {
      logger.info('order_created');
      return queue.add('send-receipt', { orderId: 7 });
    });
    const job = await result;
    await completed;
    await flush(logger);

    const [request, inJob] = capture.records();
    expect(request.message).toBe('order_created');
    expect(inJob.message).toBe('sending_receipt');
    expect(inJob.trace.id).toBe(traceId);
    expect(inJob.span.id).toMatch(HEX16);
    expect(inJob.span.id).not.toBe(request.span.id);
    expect(inJob.user).toEqual({ id: 'user-42' });
    expect(inJob.client).toEqual({ ip: '203.0.113.7' });
    expect(inJob.session_id).toBe('sess-9');
    expect(inJob.merchant_id).toBe('acme');
    expect(inJob.extra).toEqual({ shopapp: { store_id: 's1' } });
    expect(inJob.labels).toEqual({ tenant: 'eu-1' });
    expect(inJob.bullmq).toEqual({ job: { id: job.id, name: 'send-receipt', attempt: 1 }, queue: { name: 'receipts' } });
    expect(inJob.service.type).toBe('worker');
  });

  it("leaves the job's data as the caller wrote it and carries the context in the job options", async () => {
    const queue = redis.track(new LogContextQueue('untouched', { connection, prefix }));
    const job = await runWithLoggingContext(() => queue.add('x', { orderId: 1, nested: { a: [1, 2] } }, { attempts: 3 }), {
      context: { sessionId: 'sess-1' },
    });
    const stored = await queue.getJob(job.id as string);
    expect(stored?.data).toEqual({ orderId: 1, nested: { a: [1, 2] } });
    expect(stored?.opts.attempts).toBe(3);
    expect((stored?.opts as Record<string, unknown>)[LOG_CONTEXT_KEY]).toEqual({ v: 1, context: { sessionId: 'sess-1' } });
  });

  it('chains request → job → child job on one trace id with three distinct span ids', async () => {
    const { logger, capture } = makeLogger();
    const children = redis.track(new LogContextQueue('chain-children', { connection, prefix }));
    const parents = redis.track(new LogContextQueue('chain-parents', { connection, prefix }));
    const parentWorker = redis.track(
      new LogContextWorker('chain-parents', async () => {
        // new information the request did not have: the child must carry it too
        bindLoggingContext({ extra: { shopapp: { payment_id: 'pay-1' } } });
        logger.info('parent_job_running');
        await children.add('child', {});
      }, { connection, prefix }),
    );
    const childWorker = redis.track(
      new LogContextWorker('chain-children', async () => {
        logger.info('child_job_running');
      }, { connection, prefix }),
    );
    const parentDone = waitForCompleted(parentWorker, 1);
    const childDone = waitForCompleted(childWorker, 1);
    const { result, traceId } = inRequest(REQUEST_CONTEXT, async () => {
      logger.info('request_received');
      return parents.add('parent', {});
    });
    await result;
    await Promise.all([parentDone, childDone]);
    await flush(logger);

    const byMessage = Object.fromEntries(capture.records().map((r) => [r.message, r]));
    const request = byMessage.request_received;
    const parent = byMessage.parent_job_running;
    const child = byMessage.child_job_running;
    expect([request.trace.id, parent.trace.id, child.trace.id]).toEqual([traceId, traceId, traceId]);
    expect(new Set([request.span.id, parent.span.id, child.span.id]).size).toBe(3);
    expect(child.session_id).toBe('sess-9');
    expect(child.extra).toEqual({ shopapp: { store_id: 's1', payment_id: 'pay-1' } });
    expect(child.bullmq.queue.name).toBe('chain-children');
    expect(child.bullmq.job.name).toBe('child');
    expect(parent.bullmq.job.name).toBe('parent');
  });

  it('gives every job of addBulk the context, the trace and a carrier of its own', async () => {
    const { logger, capture } = makeLogger();
    const queue = redis.track(new LogContextQueue<{ n: number }>('bulk', { connection, prefix }));
    const worker = redis.track(
      new LogContextWorker<{ n: number }>('bulk', async (job) => {
        logger.info('bulk_item', { item: job.data.n });
      }, { connection, prefix, concurrency: 3 }),
    );
    const done = waitForCompleted(worker, 3);
    const { result, traceId } = inRequest({ sessionId: 'sess-bulk' }, () =>
      queue.addBulk([0, 1, 2].map((n) => ({ name: 'item', data: { n } }))),
    );
    const jobs = await result;
    await done;
    await flush(logger);

    const carriers = jobs.map((job) => (job.opts as Record<string, { traceparent: string }>)[LOG_CONTEXT_KEY]);
    expect(new Set(carriers.map((c) => c.traceparent)).size).toBe(3);
    const lines = capture.records();
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      expect(line.trace.id).toBe(traceId);
      expect(line.session_id).toBe('sess-bulk');
    }
    expect(new Set(lines.map((l) => l.span.id)).size).toBe(3);
  });
});

describe('a flow', () => {
  it('carries the context to the parent and every child, each job in its own span of one trace', async () => {
    const { logger, capture } = makeLogger();
    const flows = redis.track(new LogContextFlowProducer({ connection, prefix }));
    const seen: string[] = [];
    const process = async (job: Job): Promise<void> => {
      seen.push(job.name);
      logger.info('flow_step');
    };
    const renderWorker = redis.track(new LogContextWorker('flow-render', process, { connection, prefix }));
    const stepsWorker = redis.track(new LogContextWorker('flow-steps', process, { connection, prefix, concurrency: 2 }));
    const parentDone = waitForCompleted(renderWorker, 1);
    const stepsDone = waitForCompleted(stepsWorker, 3);
    const { result, traceId } = inRequest({ sessionId: 'sess-flow', extra: { merchant_id: 'acme' } }, () =>
      flows.add({
        name: 'render',
        queueName: 'flow-render',
        data: {},
        children: [
          { name: 'transcode', queueName: 'flow-steps', data: {}, children: [{ name: 'fetch', queueName: 'flow-steps', data: {} }] },
          { name: 'thumbnail', queueName: 'flow-steps', data: {} },
        ],
      }),
    );
    await result;
    await Promise.all([parentDone, stepsDone]);
    await flush(logger);

    const lines = capture.records();
    expect(lines.map((l) => l.bullmq.job.name).sort()).toEqual(['fetch', 'render', 'thumbnail', 'transcode']);
    for (const line of lines) {
      expect(line.trace.id).toBe(traceId);
      expect(line.session_id).toBe('sess-flow');
      expect(line.merchant_id).toBe('acme');
    }
    expect(new Set(lines.map((l) => l.span.id)).size).toBe(4);
    expect(seen.at(-1)).toBe('render'); // the parent runs after its children
  });
});

describe('explicit capture', () => {
  it('restores a carrier attached to the options of a plain Queue', async () => {
    const { logger, capture } = makeLogger();
    const queue = redis.track(new Queue('explicit-opts', { connection, prefix }));
    const worker = redis.track(new Worker('explicit-opts', withLogContext(async () => void logger.info('explicit_opts_job')), { connection, prefix }));
    const done = waitForCompleted(worker, 1);
    const { result, traceId } = inRequest({ sessionId: 'sess-explicit' }, () => queue.add('x', {}, attachLogContext({ attempts: 2 })));
    const job = await result;
    await done;
    await flush(logger);
    expect(job.opts.attempts).toBe(2);
    const [line] = capture.records();
    expect(line.trace.id).toBe(traceId);
    expect(line.session_id).toBe('sess-explicit');
  });

  it('restores a carrier put in the job data under the reserved key, RQ style', async () => {
    const { logger, capture } = makeLogger();
    const queue = redis.track(new Queue('explicit-data', { connection, prefix }));
    const worker = redis.track(new Worker('explicit-data', withLogContext(async () => void logger.info('explicit_data_job')), { connection, prefix }));
    const done = waitForCompleted(worker, 1);
    const { result, traceId } = inRequest({ sessionId: 'sess-data' }, () => queue.add('x', { orderId: 3, [LOG_CONTEXT_KEY]: captureLogContext() }));
    await result;
    await done;
    await flush(logger);
    const [line] = capture.records();
    expect(line.trace.id).toBe(traceId);
    expect(line.session_id).toBe('sess-data');
  });

  it('keeps a carrier captured earlier instead of capturing again where the job is added', async () => {
    const { logger, capture } = makeLogger();
    const queue = redis.track(new LogContextQueue('explicit-wins', { connection, prefix }));
    const worker = redis.track(new LogContextWorker('explicit-wins', async () => void logger.info('explicit_wins_job'), { connection, prefix }));
    const done = waitForCompleted(worker, 1);
    const { result: carrier, traceId } = inRequest({ sessionId: 'sess-early' }, () => captureLogContext());
    // added later, from another scope: the earlier capture is what travels
    runWithLoggingContext(() => void queue.add('x', {}, { [LOG_CONTEXT_KEY]: carrier } as object), { context: { sessionId: 'sess-late' } });
    await done;
    await flush(logger);
    const [line] = capture.records();
    expect(line.trace.id).toBe(traceId);
    expect(line.session_id).toBe('sess-early');
  });

  it('instruments queue and flow producer instances created elsewhere, once', async () => {
    const { logger, capture } = makeLogger();
    const queue = instrumentQueue(instrumentQueue(redis.track(new Queue('instrumented', { connection, prefix }))));
    const { FlowProducer } = await import('bullmq');
    const flows = instrumentFlowProducer(redis.track(new FlowProducer({ connection, prefix })));
    const worker = redis.track(new LogContextWorker('instrumented', async () => void logger.info('instrumented_job'), { connection, prefix }));
    const done = waitForCompleted(worker, 2);
    const { result, traceId } = inRequest({ sessionId: 'sess-inst' }, async () => {
      const job = await queue.add('one', {});
      await flows.add({ name: 'two', queueName: 'instrumented', data: {} });
      return job;
    });
    const job = await result;
    await done;
    await flush(logger);
    const carrier = (job.opts as Record<string, { context?: unknown }>)[LOG_CONTEXT_KEY];
    expect(carrier.context).toEqual({ sessionId: 'sess-inst' });
    const lines = capture.records();
    expect(lines.map((l) => l.trace.id)).toEqual([traceId, traceId]);
    expect(lines.map((l) => l.session_id)).toEqual(['sess-inst', 'sess-inst']);
  });
});

describe('the processor wrapper', () => {
  it('passes the job, token and abort signal through and keeps the declared arity', async () => {
    const withSignal = withLogContext(async (_job: Job, _token?: string, signal?: AbortSignal) => signal instanceof AbortSignal);
    const withoutSignal = withLogContext(async (_job: Job) => true);
    expect(withSignal.length).toBe(3);
    expect(withoutSignal.length).toBe(2);

    const queue = redis.track(new LogContextQueue('arity', { connection, prefix }));
    const worker = redis.track(new Worker('arity', withSignal, { connection, prefix }));
    const done = waitForCompleted(worker, 1);
    await queue.add('x', {});
    const [job] = await done;
    expect(job.returnvalue).toBe(true);
  });

  it('propagates what the processor throws and returns what it returns', async () => {
    const job = { id: '1', name: 'n', queueName: 'q', attemptsMade: 0, opts: { [LOG_CONTEXT_KEY]: { v: 1 } } };
    await expect(withLogContext(async () => 42)(job)).resolves.toBe(42);
    await expect(withLogContext(() => 'sync')(job)).resolves.toBe('sync');
    await expect(
      withLogContext(() => {
        throw new Error('boom');
      })(job),
    ).rejects.toThrow('boom');
  });
});
