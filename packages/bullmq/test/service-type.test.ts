/**
 * An HTTP server and a BullMQ worker in one Node process keep their own `service.type`:
 * job scopes say `worker`, everything else keeps the logger's type. Nothing is switched for
 * the whole process (a real Express server, real Redis, real winston loggers).
 */
import { afterAll, describe, expect, it } from 'vitest';
import express from 'express';
import { applicationPackageName } from '../../core/src/service-identity';
import { accessLog, expressContext } from '@ecsctx/express';
import { LogContextQueue, LogContextWorker, withLogContext } from '@ecsctx/bullmq';
import { flush, makeLogger } from '../../core/test/support/logger';
import { listen, request } from '../../express/test/support/http';
import { connection, createRedisHarness } from './support/redis';
import { waitForCompleted } from './support/jobs';

const redis = createRedisHarness();
const { prefix } = redis;
afterAll(() => redis.cleanup());

type Line = Record<string, any>;

/** A server whose handler adds a job, and a worker running it, on one logger; returns the lines. */
async function serveAndWork(loggerOptions: Parameters<typeof makeLogger>[0], jobServiceType?: string | false): Promise<Line[]> {
  const { logger, capture } = makeLogger(loggerOptions);
  const queueName = `identity-${Math.random().toString(36).slice(2)}`;
  const queue = new LogContextQueue(queueName, { connection, prefix });
  const worker = new LogContextWorker(
    queueName,
    async () => {
      logger.info('receipt_sent');
    },
    { connection, prefix, logContext: { logger, ...(jobServiceType === undefined ? {} : { serviceType: jobServiceType }) } },
  );
  const app = express();
  app.use(expressContext());
  app.use(accessLog({ logger }));
  app.post('/orders', async (_req, res) => {
    logger.info('order_received');
    await queue.add('receipt', { order: 1 });
    res.status(201).end();
  });
  const server = await listen(app);
  try {
    const done = waitForCompleted(worker, 1);
    logger.info('started'); // outside any scope, after the worker exists
    expect((await request(`${server.url}/orders`, { method: 'POST' })).status).toBe(201);
    await done;
    logger.info('still_http'); // after a job ran
    await flush(logger);
    return capture.records();
  } finally {
    await server.close();
    await worker.close();
    await queue.close();
  }
}

function typeOf(lines: Line[], message: string): unknown {
  const line = lines.find((l) => l.message === message);
  expect(line, message).toBeDefined();
  return line!.service.type;
}

describe('service.type in a process that serves HTTP and runs jobs', () => {
  it('HTTP lines keep the logger type, job lines say worker', async () => {
    const lines = await serveAndWork({});
    for (const m of ['started', 'order_received', 'http_request_received', 'http_response_sent', 'still_http']) expect(typeOf(lines, m), m).toBe('app');
    for (const m of ['bullmq_job_started', 'receipt_sent', 'bullmq_job_completed']) expect(typeOf(lines, m), m).toBe('worker');
    // one name for the whole process
    expect(new Set(lines.map((l) => l.service.name))).toEqual(new Set([applicationPackageName() ?? 'app']));
  });

  it("a logger's serviceType and the worker's serviceType each apply to their own lines", async () => {
    const lines = await serveAndWork({ serviceName: 'shop', serviceType: 'http' }, 'receipts');
    for (const m of ['started', 'order_received', 'http_request_received', 'http_response_sent', 'still_http']) expect(typeOf(lines, m), m).toBe('http');
    for (const m of ['bullmq_job_started', 'receipt_sent']) expect(typeOf(lines, m), m).toBe('receipts');
    expect(new Set(lines.map((l) => l.service.name))).toEqual(new Set(['shop']));
  });

  it('serviceType: false lets the logger type apply to job lines too', async () => {
    const lines = await serveAndWork({ serviceType: 'http' }, false);
    for (const m of ['order_received', 'receipt_sent', 'bullmq_job_completed']) expect(typeOf(lines, m), m).toBe('http');
  });

  it('with SERVICE_TYPE the service object is the Python one outside jobs, and jobs add their type', async () => {
    const lines = await serveAndWork({ env: { APP_VERSION: '1.3.0', SERVICE_TYPE: 'api' } });
    expect(lines.find((l) => l.message === 'order_received')!.service).toEqual({ name: 'api', version: '1.3.0' });
    expect(lines.find((l) => l.message === 'receipt_sent')!.service).toEqual({ name: 'api', type: 'worker', version: '1.3.0' });
  });

  it('wrapping a processor changes nothing outside its jobs', async () => {
    const { logger, capture } = makeLogger();
    logger.info('before');
    const wrapped = withLogContext(async () => logger.info('in_job'));
    logger.info('after');
    await wrapped({ id: '1', name: 'x', data: {}, opts: {}, attemptsMade: 0, queueName: 'q' } as never);
    await flush(logger);
    expect(capture.records().map((l) => [l.message, l.service.type])).toEqual([
      ['before', 'app'],
      ['after', 'app'],
      ['in_job', 'worker'],
    ]);
  });
});
