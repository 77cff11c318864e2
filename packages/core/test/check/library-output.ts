/**
 * Real output of the library, as broad as its public API allows: the core preset (context,
 * trace, labels, errors, http/url fields, payload containers, PII tokenized by a real
 * keyset), an Express app served on 127.0.0.1:0 (access log, error logger, user binding,
 * traced fetch) and BullMQ job scopes (`withLogContext` with lifecycle lines on fake jobs,
 * no Redis needed). Every line goes to a capture, so the shared checker also checks it.
 *
 * Used by the `ecsctx check` tests (real output must raise nothing) and by the deploy test
 * (every field emitted must be mapped by the index template).
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'winston';
import {
  bindLoggingContext,
  configurePii,
  resetPii,
  runWithLoggingContext,
  setDiagnosticHandler,
  traceFromHeaders,
  withLoggingContext,
} from '@ecsctx/core';
import { accessLog, createTracedFetch, errorLogger, expressContext } from '@ecsctx/express';
import { attachLogContext, withLogContext, type JobLike } from '@ecsctx/bullmq';
import { referenceDir, type Capture } from '../support/capture';
import { flush, makeLogger } from '../support/logger';

/** The lines of each part, as written. */
export interface LibraryOutput {
  readonly core: readonly string[];
  readonly express: readonly string[];
  readonly bullmq: readonly string[];
}

/** An inbound `traceparent` (W3C Trace Context §3.2 example ids). */
export const TRACEPARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
/** The token a fake authentication middleware accepts (user 42). */
export const GOOD_TOKEN = 'Bearer good-token-0123456789abcdef';

/** Configures PII with the shared chain-cases public keyset, so tokens are real `ptok:v1:…`. */
export async function configureTestPii(): Promise<void> {
  const vectors = JSON.parse(readFileSync(join(referenceDir, 'vectors', 'chain-cases.json'), 'utf8')) as { keysets: Record<string, unknown> };
  await configurePii({ provider: 'static', tokenKeyset: vectors.keysets['chain-public'] as never, env: 'prod' });
}

/** Undoes {@link configureTestPii}. */
export function resetTestPii(): void {
  resetPii();
}

async function settle(logger: Logger, capture: Capture, atLeast: number): Promise<void> {
  for (let i = 0; i < 200 && capture.lines.length < atLeast; i++) await new Promise((r) => setTimeout(r, 5));
  await flush(logger);
}

/** Core preset lines: every placement rule and field family the chain writes. */
export async function coreOutput(): Promise<readonly string[]> {
  const { logger, capture } = makeLogger({ name: 'shopfront.payments' });
  logger.info('server_started', { port: 8080, tls: false });
  runWithLoggingContext(
    () => {
      bindLoggingContext({ extra: { merchant_id: 'acme-corp', shopfront: { store_id: 's-1', enterprise_id: 'e-9' } } });
      logger.info('payment_processed', {
        amount: 100,
        currency: 'KWD',
        customer_name: 'John Doe',
        email: 'john@example.com',
        note: 'call me on +965 6666 7777 or mail jane@example.org',
        view: 'checkout',
      });
      logger.warn('payment_slow', { event: { duration: 1_500_000_000, outcome: 'success', action: 'pay' } });
      const cause = new Error('socket hang up');
      const err = Object.assign(new Error('gateway refused', { cause }), { code: 'ECONNRESET' });
      logger.error('payment_failed', err);
      logger.error(new TypeError('bad input'));
      logger.error('legacy_error', { error: 'a plain string error' });
      logger.info('flat_values', { user: 'john', url: 'https://example.com/x', host: 'web-1' });
      logger.info('outbound_call', {
        http: { request: { method: 'POST' }, response: { status_code: 201 } },
        url: { full: 'https://api.example.com/v1/pay?token=abc123&ref=77', domain: 'api.example.com' },
      });
      logger.info('webhook_received', {
        payload: { customer: { email: 'a@b.com', phone: '+96566667777' }, items: [{ sku: 'x-1', qty: 2 }], ok: true },
        headers: { authorization: 'Bearer abcdefghijklmnopqrstuv', cookie: 'sid=abc; theme=dark', 'x-request-id': 'r-1' },
      });
      logger.info('login', { ecs_event: { action: 'login', category: ['authentication'], outcome: 'success' } });
      logger.info('staged_scalar', { ecs_event: 'user_clicked' });
      logger.info('types', { at: new Date(0), big: 10n, list: [1, 2, 3], nested: { deep: { deeper: { deepest: 1 } } }, nothing: null });
      logger.child({ component: 'ledger' }).info('child_line', { entries: 3 });
      withLoggingContext({ labels: { step: 'refund', attempt: 2 } }, () => logger.info('refund_started', { labels: { channel: 'web' } }));
    },
    {
      context: {
        spanId: 'a1b2c3d4e5f60718',
        userId: 42,
        ip: '192.168.1.1',
        sessionId: 'sess-456',
        orn: 'ref-123',
        pgCode: 'knet',
        referenceNumber: 'R-777',
        labels: { env: 'production', region: 'us-east-1', retries: 3 },
      },
      trace: traceFromHeaders({ traceparent: TRACEPARENT }),
    },
  );
  logger.info('server_stopping');
  await settle(logger, capture, 15);
  return capture.lines;
}

/** An Express app with the package's middleware, served and called over real HTTP. */
export async function expressOutput(): Promise<readonly string[]> {
  const { logger, capture } = makeLogger({ name: 'shopfront.http' });
  const app = express();
  app.use(express.json());
  app.use((req: Request, _res: Response, next: NextFunction) => {
    // a stand-in for Passport: the good token authenticates user 42
    if (req.headers.authorization === GOOD_TOKEN) (req as Request & { user?: { id: number } }).user = { id: 42 };
    next();
  });
  app.use(expressContext({ getUserId: (req) => (req as Request & { user?: { id: number } }).user?.id, orderCheck: 'off' }));
  app.use(accessLog({ logger }));
  app.post('/orders', (_req: Request, res: Response) => {
    logger.info('order_created', { order_id: 'o-1', total: 12.5 });
    res.status(201).json({ id: 'o-1', email: 'john@example.com', phone: '+965 6666 7777' });
  });
  app.get('/orders/:id', (req: Request, res: Response) => {
    res.json({ id: req.params.id });
  });
  app.get('/private', (_req: Request, res: Response) => {
    res.status(401).json({ error: 'unauthorized' });
  });
  app.get('/boom', () => {
    throw new Error('db down');
  });
  app.use(errorLogger({ logger }));
  app.use((_err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    res.status(500).json({ error: 'internal' });
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    await fetch(`${base}/orders?coupon=SUMMER&email=jane%40example.org`, {
      method: 'POST',
      headers: { authorization: GOOD_TOKEN, 'content-type': 'application/json', traceparent: TRACEPARENT, 'user-agent': 'checker-test/1.0' },
      body: JSON.stringify({ item: 'book', qty: 1, customer_email: 'john@example.com', phone: '+96566667777' }),
    }).then((r) => r.text());
    await fetch(`${base}/orders/o-1`).then((r) => r.text());
    await fetch(`${base}/private`, { headers: { authorization: 'Bearer wrong' } }).then((r) => r.text());
    await fetch(`${base}/boom`, { headers: { authorization: GOOD_TOKEN } }).then((r) => r.text());
    await fetch(`${base}/missing`).then((r) => r.text());
    const tracedFetch = createTracedFetch({ logger });
    await runWithLoggingContext(
      async () => {
        await tracedFetch(`${base}/orders/o-2`).then((r) => r.text());
        await tracedFetch('http://127.0.0.1:1/unreachable').catch(() => undefined);
      },
      { context: { spanId: 'c0ffee00c0ffee00' }, trace: traceFromHeaders({ traceparent: TRACEPARENT }) },
    );
    await settle(logger, capture, 16);
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  return capture.lines;
}

/** BullMQ job scopes: a job added from a request scope, a retried attempt, a scheduled job. */
export async function bullmqOutput(): Promise<readonly string[]> {
  const { logger, capture } = makeLogger({ name: 'shopfront.worker' });
  const opts = runWithLoggingContext(() => attachLogContext({ attempts: 3 }), {
    context: { spanId: 'feedfacefeedface', userId: 42, sessionId: 'sess-456', extra: { merchant_id: 'acme-corp' }, labels: { env: 'production' } },
    trace: traceFromHeaders({ traceparent: TRACEPARENT }),
  });
  const job = (over: Partial<JobLike>): JobLike => ({ id: '1', name: 'send_receipt', queueName: 'emails', attemptsMade: 0, opts, data: {}, ...over });
  const ok = withLogContext(
    async () => {
      logger.info('sending_receipt', { template: 'receipt' });
      return 'sent';
    },
    { logger, serviceType: false },
  );
  const failing = withLogContext(
    async () => {
      throw new Error('smtp down');
    },
    { logger, serviceType: false },
  );
  await ok(job({}));
  await failing(job({ id: '2', attemptsMade: 0 })).catch(() => undefined);
  await failing(job({ id: '2', attemptsMade: 2 })).catch(() => undefined);
  await ok(job({ id: 'repeat:daily:1', name: 'daily_report', repeatJobKey: 'daily', opts: {} }));
  await settle(logger, capture, 9);
  return capture.lines;
}

/**
 * All three parts, with PII configured while they run. The validator's warnings about the
 * flat values logged on purpose are kept out of the test output.
 */
export async function libraryOutput(): Promise<LibraryOutput> {
  await configureTestPii();
  const previous = setDiagnosticHandler(() => undefined);
  try {
    return { core: await coreOutput(), express: await expressOutput(), bullmq: await bullmqOutput() };
  } finally {
    setDiagnosticHandler(previous);
    resetTestPii();
  }
}
