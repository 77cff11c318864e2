/**
 * Sandboxed processors: the processor file runs in a child process (or a worker thread)
 * and requires the built package. The context crosses the boundary inside `job.opts`, and
 * a job added from inside the sandboxed job carries it on.
 */
import { ensureBuilt } from '../../core/test/support/built';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runWithLoggingContext, traceFromHeaders } from '@ecsctx/core';
import { JOB_LIFECYCLE_MESSAGES, LogContextQueue, LogContextWorker } from '@ecsctx/bullmq';
import { createCapture } from '../../core/test/support/capture';
import { flush, makeLogger } from '../../core/test/support/logger';
import { connection, createRedisHarness } from './support/redis';
import { inboundTraceparent, waitForCompleted } from './support/jobs';

const redis = createRedisHarness();
const { prefix } = redis;
const fixture = fileURLToPath(new URL('./fixtures/sandboxed-processor.cjs', import.meta.url));
let logDir: string;

beforeAll(() => {
  ensureBuilt();
  logDir = mkdtempSync(join(tmpdir(), 'ecsctx-sandbox-'));
}, 120_000);

afterAll(async () => {
  await redis.cleanup();
  rmSync(logDir, { recursive: true, force: true });
});

describe.each([
  ['a child process', false],
  ['a worker thread', true],
])('a sandboxed processor in %s', (_where, useWorkerThreads) => {
  it("logs with the producer's trace and context, and passes them on to a job it adds", async () => {
    const logFile = join(logDir, `sandbox-${useWorkerThreads ? 'thread' : 'fork'}.ndjson`);
    const suffix = useWorkerThreads ? 'thread' : 'fork';
    process.env.ECSCTX_SANDBOX_LOG = logFile;
    const { logger, capture } = makeLogger();
    const queue = redis.track(new LogContextQueue(`images-${suffix}`, { connection, prefix }));
    const sandboxed = redis.track(new LogContextWorker(`images-${suffix}`, fixture, { connection, prefix, useWorkerThreads }));
    const children = redis.track(new LogContextWorker(`thumbnails-${suffix}`, async () => void logger.info('thumbnail_rendered'), { connection, prefix }));
    const sandboxDone = waitForCompleted(sandboxed, 1, 30_000);
    const childDone = waitForCompleted(children, 1, 30_000);
    const { traceparent, traceId } = inboundTraceparent();
    await runWithLoggingContext(
      () => queue.add('resize', { imageId: 'img-1', connection, prefix, childQueue: `thumbnails-${suffix}` }),
      { trace: traceFromHeaders({ traceparent }), context: { sessionId: 'sess-sandbox', extra: { merchant_id: 'acme' } } },
    );
    const [job] = await sandboxDone;
    await childDone;
    await flush(logger);

    const sandboxCapture = createCapture();
    const sandboxText = readFileSync(logFile, 'utf8');
    sandboxCapture.stream.write(sandboxText);
    const sandboxLines = sandboxText.trim().split('\n').map((line) => JSON.parse(line));
    expect(sandboxLines.map((l) => l.message)).toEqual([JOB_LIFECYCLE_MESSAGES.started, 'sandboxed_step', JOB_LIFECYCLE_MESSAGES.completed]);
    const step = sandboxLines[1];
    if (!useWorkerThreads) expect(step.extra.sandbox.pid).not.toBe(process.pid);
    expect(job.returnvalue).toEqual({ pid: step.extra.sandbox.pid });
    expect(step.trace.id).toBe(traceId);
    expect(step.session_id).toBe('sess-sandbox');
    expect(step.merchant_id).toBe('acme');
    expect(step.service.type).toBe('worker');
    expect(step.bullmq).toEqual({ job: { id: job.id, name: 'resize', attempt: 1 }, queue: { name: `images-${suffix}` } });

    const [child] = capture.records();
    expect(child.trace.id).toBe(traceId);
    expect(child.span.id).not.toBe(step.span.id);
    expect(child.session_id).toBe('sess-sandbox');
    expect(child.extra).toEqual({ shopapp: { image_id: 'img-1' } });
    expect(child.bullmq.job.name).toBe('thumbnail');
  });
});
