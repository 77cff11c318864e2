// The worker: a capture job enqueues a receipt job (the child keeps the trace), and each
// job's lines carry the request's context, a new span.id and bullmq.job.*.
'use strict';
const { bindLoggingContext, createEcsLogger } = require('@ecsctx/core');
const { LogContextQueue, LogContextWorker } = require('@ecsctx/bullmq');
const { connection, prefix } = require('./config.cjs');

const logger = createEcsLogger({ name: 'payments.worker' });
const receipts = new LogContextQueue('receipts', { connection, prefix });

const captures = new LogContextWorker(
  'payments',
  async (job) => {
    logger.info('payment_capture_started', { amount: job.data.amount, currency: job.data.currency });
    bindLoggingContext({ referenceNumber: `cap-${job.data.orderId}` });
    await receipts.add('send-receipt', { orderId: job.data.orderId, email: job.data.email });
    logger.info('payment_captured');
  },
  { connection, prefix, logContext: { logger } },
);

const receiptWorker = new LogContextWorker(
  'receipts',
  async (job) => {
    logger.info('receipt_sent', { payload: { to: job.data.email } });
  },
  { connection, prefix, logContext: { logger } },
);

Promise.all([captures.waitUntilReady(), receiptWorker.waitUntilReady()]).then(() => process.send({ ready: 'worker' }));

process.on('message', async (message) => {
  if (message !== 'shutdown') return;
  await Promise.all([captures.close(), receiptWorker.close(), receipts.close()]);
  process.exit(0);
});
