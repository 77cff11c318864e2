/**
 * Coexistence with BullMQ's telemetry (bullmq-otel): the package never writes
 * `opts.telemetry.metadata`, so the OpenTelemetry carrier BullMQ puts there arrives intact
 * and parseable, while the logging context travels beside it in `opts.ecsctx`.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { runWithLoggingContext, traceFromHeaders } from '@ecsctx/core';
import { LOG_CONTEXT_KEY, LogContextFlowProducer, LogContextQueue, LogContextWorker } from '@ecsctx/bullmq';
import { flush, makeLogger } from '../../core/test/support/logger';
import { connection, createRedisHarness } from './support/redis';
import { inboundTraceparent, waitForCompleted } from './support/jobs';
import { fakeOtelTelemetry } from './support/fake-otel';

const redis = createRedisHarness();
const { prefix } = redis;
afterAll(() => redis.cleanup());

const OTEL_TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const OTEL_METADATA = JSON.stringify({ traceparent: `00-${OTEL_TRACE_ID}-00f067aa0ba902b7-01` });

describe('with a bullmq-otel style telemetry on the queue and the worker', () => {
  it('leaves the telemetry metadata untouched and restores the logging context beside it', async () => {
    const { logger, capture } = makeLogger();
    const telemetry = fakeOtelTelemetry(OTEL_TRACE_ID);
    const queue = redis.track(new LogContextQueue('otel', { connection, prefix, telemetry }));
    const flows = redis.track(new LogContextFlowProducer({ connection, prefix, telemetry }));
    const worker = redis.track(new LogContextWorker('otel', async () => void logger.info('otel_job'), { connection, prefix, telemetry, concurrency: 4 }));
    const done = waitForCompleted(worker, 4);
    const { traceparent, traceId } = inboundTraceparent();
    const [single, bulk] = await runWithLoggingContext(
      () =>
        Promise.all([
          queue.add('single', {}),
          queue.addBulk([{ name: 'bulk', data: {} }]),
          flows.add({ name: 'parent', queueName: 'otel', data: {}, children: [{ name: 'child', queueName: 'otel', data: {} }] }),
        ]),
      { trace: traceFromHeaders({ traceparent }), context: { sessionId: 'sess-otel' } },
    );
    const jobs = await done;
    await flush(logger);

    for (const job of [single, ...bulk, ...jobs]) {
      expect(job.opts.telemetry?.metadata).toBe(OTEL_METADATA);
      expect((job.opts as Record<string, unknown>)[LOG_CONTEXT_KEY]).toMatchObject({ v: 1, context: { sessionId: 'sess-otel' } });
    }
    const lines = capture.records();
    expect(lines).toHaveLength(4);
    for (const line of lines) {
      expect(line.trace.id).toBe(traceId);
      expect(line.session_id).toBe('sess-otel');
    }
  });
});
