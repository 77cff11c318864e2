// A small Express app that serves a few requests against itself and prints the ECS lines
// they produce: request context after auth, access log, an error, and a trace linked across
// an outbound call to a second route. Uses the BUILT packages (npx tsc -b packages/core
// packages/express). Exported for examples/run.mjs; `node packages/express/examples/express-app.mjs` runs it alone.
import http from 'node:http';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const express = require('express');
const { accessLog, createTracedFetch, errorLogger, expressContext } = require('../dist/index.js');
const { bindLoggingContext, createEcsLogger } = require('../../core/dist/index.js');

/** The users our stand-in auth knows, by bearer token. */
const USERS = { 'tok-ana-0001-secret': { id: 'u-1001' } };

/** A stand-in for Passport/JWT: sets req.user from the bearer token. */
function authenticate(req, _res, next) {
  const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
  if (USERS[token]) req.user = USERS[token];
  next();
}

/**
 * Runs the example; resolves when every request was answered and logged.
 * @param {{ stream?: NodeJS.WritableStream }} [options] where the lines go (default stdout)
 */
export async function runExpressExample({ stream = process.stdout } = {}) {
  const logger = createEcsLogger({ name: 'shop.api', stream, env: { ...process.env, PROJECT_NAME: process.env.PROJECT_NAME ?? 'payments-example' } });
  const fetchTraced = createTracedFetch({ logger });
  let base = '';

  const app = express();
  app.use(express.json());
  app.use(authenticate); // auth first ...
  app.use(expressContext({ getUserId: (req) => req.user?.id })); // ... then the context: user.id is known
  app.use(accessLog({ logger, skipPaths: ['/health'], ignoreResponseKeys: ['card_token'] }));

  app.post('/checkout', async (req, res, next) => {
    try {
      bindLoggingContext({ sessionId: req.body.session_id, extra: { merchant_id: 'acme' } });
      logger.info('checkout_started', { payload: { customer_name: req.body.customer_name, amount: req.body.amount } });
      // an outbound call to a second route: it continues this trace under a new parent-id
      const rates = await (await fetchTraced(`${base}/rates?currency=KWD`)).json();
      logger.info('checkout_completed', { amount: req.body.amount, rate: rates.rate });
      res.status(201).json({ order_id: 'ord-77', customer_name: req.body.customer_name, card_token: 'ctok_4242' });
    } catch (error) {
      next(error);
    }
  });
  app.get('/rates', (req, res) => {
    logger.info('rates_served', { currency: req.query.currency });
    res.json({ currency: req.query.currency, rate: 3.25 });
  });
  app.get('/orders/:id', () => {
    throw new Error('order store unavailable');
  });
  app.get('/health', (req, res) => res.json({ ok: true }));
  app.use(errorLogger({ logger }));
  app.use((err, req, res, _next) => res.status(500).json({ error: 'internal' }));

  const server = http.createServer(app);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${server.address().port}`;
  try {
    await fetch(`${base}/checkout`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: 'Bearer tok-ana-0001-secret',
        traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      },
      body: JSON.stringify({ session_id: 'sess-456', customer_name: 'Jane Doe', email: 'jane@example.com', amount: 100 }),
    }).then((r) => r.text());
    await fetch(`${base}/orders/9`).then((r) => r.text());
    await fetch(`${base}/health`).then((r) => r.text());
    await new Promise((resolve) => setImmediate(resolve)); // the last OUTBOUND line is written on 'finish'
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  await new Promise((resolve) => logger.on('finish', resolve).end());
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await runExpressExample();
}
