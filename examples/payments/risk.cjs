// The second service: scores a payment. Its lines continue the caller's trace.
'use strict';
const express = require('express');
const { createEcsLogger } = require('@ecsctx/core');
const { accessLog, expressContext } = require('@ecsctx/express');

const logger = createEcsLogger({ name: 'risk.api' });
const app = express();
app.use(express.json());
app.use(expressContext());
app.use(accessLog({ logger }));

app.post('/score', (req, res) => {
  const score = req.body.amount > 1000 ? 0.7 : 0.1;
  logger.info('risk_scored', { payload: { customer_email: req.body.customer_email }, risk_score: score });
  res.json({ score });
});

const server = app.listen(0, '127.0.0.1', () => process.send({ ready: 'risk', port: server.address().port }));

process.on('message', (message) => {
  if (message !== 'shutdown') return;
  server.close(() => process.exit(0));
});
