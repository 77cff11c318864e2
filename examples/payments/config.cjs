// Settings every process of the example shares (read from the environment the runner sets).
'use strict';

const redisUrl = new URL(process.env.REDIS_URL || 'redis://127.0.0.1:6379');

module.exports = {
  /** BullMQ connection to the local Redis. */
  connection: {
    host: redisUrl.hostname,
    port: Number(redisUrl.port || 6379),
    db: redisUrl.pathname.length > 1 ? Number(redisUrl.pathname.slice(1)) : 0,
    maxRetriesPerRequest: null,
  },
  /** Key prefix of this run's queues, so runs never see each other's jobs. */
  prefix: process.env.EXAMPLE_QUEUE_PREFIX || 'payments-example',
  /** Where the risk service listens (set by the runner). */
  riskUrl: process.env.RISK_URL || 'http://127.0.0.1:0',
};
