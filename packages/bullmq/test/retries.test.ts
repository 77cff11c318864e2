/**
 * A job keeps the context it was added with for its whole life: automatic retries, a
 * manual retry after it failed, and a re-run after it stalled. Every attempt continues the
 * same trace with a span of its own.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { DelayedError, Worker, type Job } from 'bullmq';
import { runWithLoggingContext, traceFromHeaders } from '@ecsctx/core';
import { JOB_LIFECYCLE_MESSAGES, LogContextQueue, LogContextWorker } from '@ecsctx/bullmq';
import { flush, makeLogger } from '../../core/test/support/logger';
import { connection, createRedisHarness } from './support/redis';
import { inboundTraceparent, waitForCompleted, waitForEvent } from './support/jobs';

const redis = createRedisHarness();
const { prefix } = redis;
afterAll(() => redis.cleanup());

function addInRequest(queue: LogContextQueue, name: string, opts: Parameters<LogContextQueue['add']>[2]): { added: Promise<Job>; traceId: string } {
  const { traceparent, traceId } = inboundTraceparent();
  const added = runWithLoggingContext(() => queue.add(name, {}, opts), {
    trace: traceFromHeaders({ traceparent }),
    context: { sessionId: 'sess-retry', extra: { merchant_id: 'acme' } },
  });
  return { added, traceId };
}

describe('retries', () => {
  it('keep the context on every attempt: same trace id, a new span id and the attempt number each time', async () => {
    const { logger, capture } = makeLogger();
    const queue = redis.track(new LogContextQueue('auto-retry', { connection, prefix }));
    const worker = redis.track(
      new LogContextWorker('auto-retry', async (job) => {
        logger.info('charging_card');
        if (job.attemptsMade < 2) throw new Error('gateway timeout');
      }, { connection, prefix, logContext: { logger } }),
    );
    const done = waitForCompleted(worker, 1);
    const { added, traceId } = addInRequest(queue, 'charge', { attempts: 3 });
    await added;
    await done;
    await flush(logger);

    const lines = capture.records();
    const work = lines.filter((l) => l.message === 'charging_card');
    expect(work.map((l) => l.bullmq.job.attempt)).toEqual([1, 2, 3]);
    for (const line of lines) {
      expect(line.trace.id).toBe(traceId);
      expect(line.session_id).toBe('sess-retry');
      expect(line.merchant_id).toBe('acme');
    }
    expect(new Set(work.map((l) => l.span.id)).size).toBe(3);
    expect(lines.map((l) => [l.message, l['log.level']])).toEqual([
      [JOB_LIFECYCLE_MESSAGES.started, 'info'],
      ['charging_card', 'info'],
      [JOB_LIFECYCLE_MESSAGES.retrying, 'warn'],
      [JOB_LIFECYCLE_MESSAGES.started, 'info'],
      ['charging_card', 'info'],
      [JOB_LIFECYCLE_MESSAGES.retrying, 'warn'],
      [JOB_LIFECYCLE_MESSAGES.started, 'info'],
      ['charging_card', 'info'],
      [JOB_LIFECYCLE_MESSAGES.completed, 'info'],
    ]);
    const retrying = lines.find((l) => l.message === JOB_LIFECYCLE_MESSAGES.retrying);
    expect(retrying?.error.message).toBe('gateway timeout');
    expect(retrying?.event.outcome).toBe('failure');
    const completed = lines.at(-1);
    expect(completed?.event.outcome).toBe('success');
    expect(Number.isInteger(completed?.event.duration)).toBe(true);
    // lifecycle lines belong to the attempt's span
    expect(lines[0].span.id).toBe(lines[1].span.id);
  });

  it('log the last failure as an error in the context of the job', async () => {
    const { logger, capture } = makeLogger();
    const queue = redis.track(new LogContextQueue('exhausted', { connection, prefix }));
    const worker = redis.track(
      new LogContextWorker('exhausted', async () => {
        throw new TypeError('bad payload');
      }, { connection, prefix, logContext: { logger } }),
    );
    const failed = waitForEvent(worker, 'failed');
    const { added, traceId } = addInRequest(queue, 'parse', { attempts: 1 });
    await added;
    await failed;
    await flush(logger);

    const last = capture.records().at(-1);
    expect(last?.message).toBe(JOB_LIFECYCLE_MESSAGES.failed);
    expect(last?.['log.level']).toBe('error');
    expect(last?.error).toMatchObject({ type: 'TypeError', message: 'bad payload' });
    expect(last?.trace.id).toBe(traceId);
    expect(last?.session_id).toBe('sess-retry');
  });

  it('keep the context when a failed job is retried by hand', async () => {
    const { logger, capture } = makeLogger();
    const queue = redis.track(new LogContextQueue('manual-retry', { connection, prefix }));
    let failNext = true;
    const worker = redis.track(
      new LogContextWorker('manual-retry', async () => {
        logger.info('importing_file');
        if (failNext) {
          failNext = false;
          throw new Error('file not there yet');
        }
      }, { connection, prefix }),
    );
    const failed = waitForEvent(worker, 'failed');
    const { added, traceId } = addInRequest(queue, 'import', { attempts: 1 });
    const job = await added;
    await failed;
    const done = waitForCompleted(worker, 1);
    const stored = await queue.getJob(job.id as string);
    await stored?.retry('failed');
    await done;
    await flush(logger);

    const lines = capture.records();
    expect(lines).toHaveLength(2);
    expect(lines.map((l) => l.trace.id)).toEqual([traceId, traceId]);
    expect(lines.map((l) => l.session_id)).toEqual(['sess-retry', 'sess-retry']);
    expect(lines[0].span.id).not.toBe(lines[1].span.id);
  });
});

describe('a job its processor moves back to delayed', () => {
  it('is logged as deferred, not failed, and runs again with its context', async () => {
    const { logger, capture } = makeLogger();
    const queue = redis.track(new LogContextQueue('deferred', { connection, prefix }));
    let deferOnce = true;
    const worker = redis.track(
      new LogContextWorker('deferred', async (job, token) => {
        logger.info('checking_inventory');
        if (deferOnce) {
          deferOnce = false;
          await job.moveToDelayed(Date.now() + 20, token);
          throw new DelayedError();
        }
      }, { connection, prefix, logContext: { logger } }),
    );
    const done = waitForCompleted(worker, 1);
    const { added, traceId } = addInRequest(queue, 'reserve', {});
    await added;
    await done;
    await flush(logger);

    const lines = capture.records();
    expect(lines.map((l) => l.message)).toEqual([
      JOB_LIFECYCLE_MESSAGES.started,
      'checking_inventory',
      JOB_LIFECYCLE_MESSAGES.deferred,
      JOB_LIFECYCLE_MESSAGES.started,
      'checking_inventory',
      JOB_LIFECYCLE_MESSAGES.completed,
    ]);
    expect(lines[2]['log.level']).toBe('info');
    expect(lines[2].event.outcome).toBe('unknown');
    expect(lines.every((l) => l.trace.id === traceId && l.session_id === 'sess-retry')).toBe(true);
  });
});

describe('a stalled job', () => {
  it('runs again with its context and is logged as stalled in its own trace', async () => {
    const { logger, capture } = makeLogger();
    const queue = redis.track(new LogContextQueue('stalls', { connection, prefix }));
    const { added, traceId } = addInRequest(queue, 'resize', {});
    const job = await added;

    // A worker that takes the job and then goes silent (no processor, no lock renewal),
    // as a crashed or blocked process would.
    const silent = redis.track(new Worker('stalls', null, { connection, prefix, lockDuration: 400, autorun: false }));
    const taken = await silent.getNextJob('silent-token');
    expect(taken?.id).toBe(job.id);

    const rescuer = redis.track(
      new LogContextWorker('stalls', async () => {
        logger.info('resizing_image');
      }, { connection, prefix, stalledInterval: 200, lockDuration: 400, logContext: { logger } }),
    );
    const stalled = waitForEvent(rescuer, 'stalled');
    const done = waitForCompleted(rescuer, 1);
    await stalled;
    await done;
    await flush(logger);

    const lines = capture.records();
    const stalledLine = lines.find((l) => l.message === JOB_LIFECYCLE_MESSAGES.stalled);
    const work = lines.find((l) => l.message === 'resizing_image');
    expect(stalledLine?.trace.id).toBe(traceId);
    expect(stalledLine?.bullmq.job.id).toBe(job.id);
    expect(stalledLine?.['log.level']).toBe('warn');
    expect(work?.trace.id).toBe(traceId);
    expect(work?.session_id).toBe('sess-retry');
    expect(work?.bullmq.job.attempt).toBe(1);
    expect(work?.span.id).not.toBe(stalledLine?.span.id);
  });
});
