/** The shop app the access-log suites drive: JSON parser, a fake authentication, expressContext, accessLog, routes by status. */
import type { NextFunction, Request, Response } from 'express';
import { accessLog, errorLogger, expressContext, type AccessLogOptions } from '@ecsctx/express';
import type { ExpressFactory } from './express-versions';
import type { Logs } from './logs';
import { request, type Reply } from './http';

type AuthedRequest = Request & { user?: { id: string } };

/** Sets `req.user` from the `x-user` header. */
export function authenticate(req: Request, _res: Response, next: NextFunction): void {
  const header = req.headers['x-user'];
  if (typeof header === 'string') (req as AuthedRequest).user = { id: header };
  next();
}

/** `POST /orders` 201 (after 20 ms, with a Set-Cookie), `GET /orders/:id` 404, `/status-500` 503, `/crash` throws, `/page` HTML, `/health` and `/internal/metrics` (skipped), `OPTIONS /orders`, `/slow` (200 ms). */
export function shopApp(express: ExpressFactory, logs: Logs, options: Partial<AccessLogOptions> = {}) {
  const app = express();
  app.use(express.json());
  app.use(authenticate);
  app.use(expressContext({ getUserId: (req) => (req as AuthedRequest).user?.id }));
  app.use(accessLog({ logger: logs.logger, skipPaths: ['/health', /^\/internal\//], ...options }));
  app.post('/orders', async (req, res) => {
    await new Promise((r) => setTimeout(r, 20));
    res.setHeader('Set-Cookie', 'sid=SESSIONCOOKIE123; Path=/; HttpOnly');
    res.status(201).json({ id: 'ord-1', customer_name: 'Jane Doe', access_token: 'tok-secret', items: req.body.items });
  });
  app.get('/orders/:id', (_req, res) => {
    res.status(404).json({ error: 'not_found' });
  });
  app.get('/crash', () => {
    throw new Error('database unavailable');
  });
  app.get('/status-500', (_req, res) => {
    res.status(503).json({ error: 'maintenance' });
  });
  app.get('/page', (_req, res) => {
    res.type('html').send('<p>hello</p>');
  });
  app.get('/health', (_req, res) => {
    res.json({ ok: true });
  });
  app.get('/internal/metrics', (_req, res) => {
    res.json({ ok: true });
  });
  app.options('/orders', (_req, res) => {
    res.sendStatus(204);
  });
  app.get('/slow', (_req, res) => {
    setTimeout(() => res.json({ late: true }), 200);
  });
  app.use(errorLogger({ logger: logs.logger }));
  return app;
}

/** Requests the shop's skipped paths and method (`/health`, `/internal/metrics`, `OPTIONS /orders`), then the logged `GET /orders/1`. */
export async function visitSkippedThenLogged(url: string): Promise<void> {
  await request(`${url}/health`);
  await request(`${url}/internal/metrics`);
  await request(`${url}/orders`, { method: 'OPTIONS' });
  await request(`${url}/orders/1`);
}

/** The trace `postOrderWithSecrets` continues. */
export const ORDER_TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';

/** What `postOrderWithSecrets` and the shop's answer put in clear, which no line may show. */
export const ORDER_SECRETS = [
  'Jane Doe', 'jane@example.com', 'jane%40example.com', 'abcdefghijklmnopqrstuvwxyz', 's3cr3t-session', 'tok-in-query', 'tok-secret',
  'hunter2-PASSWORD', 'APIKEYHEADER', 'SESSIONCOOKIE123',
];

/**
 * `POST /orders` as user 42 in trace {@link ORDER_TRACE_ID}, with PII and credentials in the
 * query (`email`, `access_token`, `customer_name`), the headers (`Authorization`, `X-Api-Key`,
 * `Cookie`) and the JSON body (`customer.name`, `customer.email`, `password`).
 */
export async function postOrderWithSecrets(url: string): Promise<{ reply: Reply; body: string }> {
  const body = JSON.stringify({ items: [{ sku: 'A1', qty: 2 }], customer: { name: 'Jane Doe', email: 'jane@example.com' }, password: 'hunter2-PASSWORD' });
  const reply = await request(`${url}/orders?ref=abc&email=jane%40example.com&access_token=tok-in-query&customer_name=Jane%20Doe`, {
    method: 'POST',
    body,
    headers: {
      traceparent: `00-${ORDER_TRACE_ID}-00f067aa0ba902b7-01`,
      'content-type': 'application/json',
      authorization: 'Bearer abcdefghijklmnopqrstuvwxyz',
      'x-api-key': 'APIKEYHEADER',
      cookie: 'sid=s3cr3t-session',
      'user-agent': 'shop-client/1.0',
      'x-user': '42',
    },
  });
  return { reply, body };
}
