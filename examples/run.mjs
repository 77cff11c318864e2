// The README's first command runs this: a few realistic events through the preset.
// (It grows into the end-to-end payments example once the Express and BullMQ packages land.)
import core from '@ecsctx/core';

const { createEcsLogger, runWithLoggingContext, bindLoggingContext, traceFromHeaders, newSpanId } = core;

const logger = createEcsLogger({ name: 'payments.api', env: { ...process.env, PROJECT_NAME: process.env.PROJECT_NAME ?? 'payments-example' } });

runWithLoggingContext(
  () => {
    bindLoggingContext({ userId: 42, ip: '192.0.2.10', sessionId: 'sess-456', extra: { merchant_id: 'acme' } });
    logger.info('payment_received', { amount: 100, currency: 'KWD', payload: { customer_name: 'Jane Doe', email: 'jane@example.com' } });
    logger.warn('slow_gateway', { http: { response: { status_code: 504 } }, event: { duration: 2_300_000_000 } });
    logger.error('payment_failed', new Error('gateway timeout'));
  },
  { trace: traceFromHeaders({ traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' }), context: { spanId: newSpanId() } },
);
