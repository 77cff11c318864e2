// The payments API: auth middleware, then the @ecsctx middleware, access and error logging,
// a route that binds domain context, calls the risk service with the outbound trace helper and
// enqueues a BullMQ job. Writes ECS lines to stdout; tells the runner its port over IPC.
'use strict';
const express = require('express');
const { bindLoggingContext, createEcsLogger } = require('@ecsctx/core');
const { accessLog, createTracedFetch, errorLogger, expressContext } = require('@ecsctx/express');
const { LogContextQueue } = require('@ecsctx/bullmq');
const { connection, prefix, riskUrl } = require('./config.cjs');

const logger = createEcsLogger({ name: 'payments.api' });
const payments = new LogContextQueue('payments', { connection, prefix });
const tracedFetch = createTracedFetch({ logger });

/** A stand-in for Passport/JWT: the demo token belongs to user u-1001. */
function authenticate(req, _res, next) {
  if (req.get('authorization') === 'Bearer demo-token-4f1c9a2b7e') req.user = { id: 'u-1001' };
  next();
}

const app = express();
app.use(express.json());
app.use(authenticate); // 1. auth ...
app.use(expressContext({ getUserId: (req) => req.user && req.user.id })); // 2. ... then the context
app.use(accessLog({ logger, skipPaths: ['/health'] }));

app.get('/health', (_req, res) => res.json({ ok: true }));

app.post('/payments', async (req, res, next) => {
  try {
    if (!req.user) {
      logger.info('payment_rejected', { reason: 'unauthenticated' });
      return res.status(401).json({ error: 'unauthorized' });
    }
    const { order_id: orderId, amount, currency, customer, session_id: sessionId } = req.body;
    bindLoggingContext({ sessionId, extra: { merchant_id: 'acme', payments_api: { order_id: orderId } } });
    logger.info('payment_requested', { payload: { customer, amount, currency } });

    const risk = await (await tracedFetch(`${riskUrl}/score`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ amount, customer_email: customer.email }),
    })).json();

    const job = await payments.add('capture-payment', { orderId, amount, currency, email: customer.email }, { attempts: 2 });
    logger.info('payment_accepted', { risk_score: risk.score, job_id: job.id });
    res.status(201).json({ order_id: orderId, status: 'accepted', job_id: job.id });
  } catch (error) {
    next(error);
  }
});

app.post('/payments/:id/refund', () => {
  throw new Error('refund gateway unavailable');
});

app.use(errorLogger({ logger }));
app.use((_err, _req, res, _next) => res.status(500).json({ error: 'internal' }));

const server = app.listen(0, '127.0.0.1', () => process.send({ ready: 'api', port: server.address().port }));

process.on('message', async (message) => {
  if (message !== 'shutdown') return;
  server.close();
  await payments.close();
  process.exit(0);
});
