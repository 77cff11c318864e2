/**
 * The seed's Beat rule: a job made by a job scheduler has no request behind it. It starts
 * with an empty context (only its own identity and a new trace) and binds its own, even
 * when the scheduler was set up from inside a request, and even when its template carries
 * a captured context.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { bindLoggingContext, resetDiagnostics, runWithLoggingContext, setDiagnosticHandler, traceFromHeaders, type Diagnostic } from '@ecsctx/core';
import { BULLMQ_DIAGNOSTICS, LogContextQueue, LogContextWorker, attachLogContext } from '@ecsctx/bullmq';
import { flush, makeLogger } from '../../core/test/support/logger';
import { connection, createRedisHarness } from './support/redis';
import { inboundTraceparent, waitForCompleted } from './support/jobs';

const redis = createRedisHarness();
const { prefix } = redis;
afterAll(() => redis.cleanup());
afterEach(() => {
  setDiagnosticHandler(undefined);
  resetDiagnostics();
});

describe('a job made by a job scheduler', () => {
  it('starts with an empty context and a new trace, and binds its own', async () => {
    const { logger, capture } = makeLogger();
    const queue = redis.track(new LogContextQueue('nightly', { connection, prefix }));
    const worker = redis.track(
      new LogContextWorker<{ sessionId: string; merchantId: string }>('nightly', async (job) => {
        logger.info('inquiry_started_unbound');
        bindLoggingContext({ sessionId: job.data.sessionId, extra: { merchant_id: job.data.merchantId } });
        logger.info('inquiry_started');
      }, { connection, prefix }),
    );
    const done = waitForCompleted(worker, 1);
    const { traceparent, traceId } = inboundTraceparent();
    // set up from inside a request: none of the request's context may reach the scheduled jobs
    await runWithLoggingContext(
      () => queue.upsertJobScheduler('payment-inquiry', { every: 60_000 }, { name: 'inquiry', data: { sessionId: 'sess-s', merchantId: 'acme' } }),
      { trace: traceFromHeaders({ traceparent }), context: { sessionId: 'sess-request', extra: { merchant_id: 'from-request' } } },
    );
    const [job] = await done;
    await queue.removeJobScheduler('payment-inquiry');
    await flush(logger);

    const [unbound, bound] = capture.records();
    expect(unbound.trace.id).toMatch(/^[0-9a-f]{32}$/);
    expect(unbound.trace.id).not.toBe(traceId);
    expect(unbound.session_id).toBeUndefined();
    expect(unbound.merchant_id).toBeUndefined();
    expect(unbound.bullmq).toEqual({ job: { id: job.id, name: 'inquiry', attempt: 1, scheduler_id: 'payment-inquiry' }, queue: { name: 'nightly' } });
    expect(bound.session_id).toBe('sess-s');
    expect(bound.merchant_id).toBe('acme');
    expect(bound.trace.id).toBe(unbound.trace.id);
  });

  it('ignores a context captured into its template, with one diagnostic', async () => {
    const diagnostics: Diagnostic[] = [];
    setDiagnosticHandler((d) => diagnostics.push(d));
    const { logger, capture } = makeLogger();
    const queue = redis.track(new LogContextQueue('templated', { connection, prefix }));
    const worker = redis.track(new LogContextWorker('templated', async () => void logger.info('tick'), { connection, prefix }));
    const done = waitForCompleted(worker, 1);
    await runWithLoggingContext(
      () => queue.upsertJobScheduler('tick', { every: 60_000 }, { name: 'tick', data: {}, opts: attachLogContext({ attempts: 1 }) }),
      { context: { sessionId: 'sess-stale' } },
    );
    await done;
    await queue.removeJobScheduler('tick');
    await flush(logger);

    const [line] = capture.records();
    expect(line.session_id).toBeUndefined();
    expect(diagnostics.map((d) => d.code)).toEqual([BULLMQ_DIAGNOSTICS.scheduledContextIgnored]);
  });
});
