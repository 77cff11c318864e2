/**
 * 200 jobs, each added from its own request, processed 20 at a time with their awaits
 * interleaved: every line carries its own job's context, trace and span, and a bind made
 * inside one job never shows up in another.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { bindLoggingContext, runWithLoggingContext, traceFromHeaders } from '@ecsctx/core';
import { LogContextQueue, LogContextWorker } from '@ecsctx/bullmq';
import { flush, makeLogger } from '../../core/test/support/logger';
import { connection, createRedisHarness } from './support/redis';
import { inboundTraceparent, waitForCompleted } from './support/jobs';

const redis = createRedisHarness();
const { prefix } = redis;
afterAll(() => redis.cleanup());

const JOBS = 200;
const CONCURRENCY = 20;

const tick = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe(`${JOBS} jobs with concurrency ${CONCURRENCY}`, () => {
  it('never mix their contexts', async () => {
    const { logger, capture } = makeLogger();
    const queue = redis.track(new LogContextQueue<{ i: number }>('busy', { connection, prefix }));
    let inFlight = 0;
    let maxInFlight = 0;
    const worker = redis.track(
      new LogContextWorker<{ i: number }>('busy', async (job) => {
        const i = job.data.i;
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        try {
          logger.info('step_one');
          await tick(i % 4);
          bindLoggingContext({ orn: `orn-${i}`, labels: { step: `two-${i}` } });
          logger.info('step_two');
          await tick((i * 7) % 5);
          logger.info('step_three');
        } finally {
          inFlight--;
        }
      }, { connection, prefix, concurrency: CONCURRENCY }),
    );
    const done = waitForCompleted(worker, JOBS, 30_000);
    const traceIds: string[] = [];
    await Promise.all(
      Array.from({ length: JOBS }, (_, i) => {
        const { traceparent, traceId } = inboundTraceparent();
        traceIds[i] = traceId;
        return runWithLoggingContext(() => queue.add('work', { i }), {
          trace: traceFromHeaders({ traceparent }),
          context: { sessionId: `sess-${i}`, extra: { merchant_id: `m-${i}` }, labels: { request: `r-${i}` } },
        });
      }),
    );
    const jobs = await done;
    await flush(logger);

    const indexOfJob = new Map(jobs.map((job) => [job.id, job.data.i]));
    const lines = capture.records();
    expect(lines).toHaveLength(JOBS * 3);
    expect(maxInFlight).toBeGreaterThan(1);
    const spansByJob = new Map<number, Set<string>>();
    for (const line of lines) {
      const i = indexOfJob.get(line.bullmq.job.id) as number;
      expect(line.trace.id).toBe(traceIds[i]);
      expect(line.session_id).toBe(`sess-${i}`);
      expect(line.merchant_id).toBe(`m-${i}`);
      expect(line.labels.request).toBe(`r-${i}`);
      if (line.message === 'step_one') {
        expect(line.payment).toBeUndefined();
        expect(line.labels.step).toBeUndefined();
      } else {
        expect(line.payment).toEqual({ orn: `orn-${i}` });
        expect(line.labels.step).toBe(`two-${i}`);
      }
      const spans = spansByJob.get(i) ?? new Set<string>();
      spans.add(line.span.id);
      spansByJob.set(i, spans);
    }
    expect(spansByJob.size).toBe(JOBS);
    for (const spans of spansByJob.values()) expect(spans.size).toBe(1);
    expect(new Set([...spansByJob.values()].map((s) => [...s][0])).size).toBe(JOBS);
  });
});
