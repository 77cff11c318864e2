// Heap after 100 000 requests through the Express middleware (context + access log), against
// its own warm-up baseline: no context or per-request state may be kept.
import http from 'node:http';
import { createRequire } from 'node:module';
import { DiscardSink } from './sink.mjs';

const require = createRequire(import.meta.url);

function drive(port, total, concurrency) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  let sent = 0;
  let done = 0;
  return new Promise((resolve, reject) => {
    const next = () => {
      if (sent >= total) return;
      const n = sent++;
      const req = http.request({ host: '127.0.0.1', port, path: `/orders/${n}`, agent, headers: { 'x-user': `u-${n % 97}` } }, (res) => {
        res.resume();
        res.on('end', () => {
          if (++done === total) {
            agent.destroy();
            resolve();
          } else next();
        });
      });
      req.on('error', reject);
      req.end();
    };
    for (let i = 0; i < concurrency; i++) next();
  });
}

function heap() {
  for (let i = 0; i < 3; i++) global.gc?.();
  return process.memoryUsage().heapUsed;
}

export async function measureExpressMemory({ requests = 100_000, concurrency = 50 } = {}) {
  const express = require('express');
  const core = require('@ecsctx/core');
  const { expressContext, accessLog } = require('@ecsctx/express');
  const logger = core.createEcsLogger({ stream: new DiscardSink(), name: 'bench-express', env: { PROJECT_NAME: 'bench' } });
  const app = express();
  app.use(expressContext({ getUserId: (req) => req.headers['x-user'], orderCheck: 'off' }));
  app.use(accessLog({ logger }));
  app.get('/orders/:id', (req, res) => res.json({ ok: true, id: req.params.id }));
  const server = await new Promise((resolve) => {
    const s = http.createServer(app).listen(0, '127.0.0.1', () => resolve(s));
  });
  try {
    const port = server.address().port;
    await drive(port, Math.min(10_000, requests), concurrency);
    const base = heap();
    await drive(port, requests, concurrency);
    await new Promise((r) => setTimeout(r, 200));
    const after = heap();
    const pct = ((after - base) / base) * 100;
    const mb = (b) => (b / 2 ** 20).toFixed(1);
    return {
      requests,
      base,
      after,
      pct,
      markdown: `After ${requests.toLocaleString('en')} requests through expressContext + accessLog: heap ${mb(base)} → ${mb(after)} MB (${pct >= 0 ? '+' : ''}${pct.toFixed(1)}% of its baseline; target within 5%).`,
    };
  } finally {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
}
