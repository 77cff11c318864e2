// Instructions per request of the Express middlewares, for callgrind (wall-clock on a shared
// VM is too noisy to see a few percent). One process: an Express app on 127.0.0.1 and a
// raw-socket keep-alive client that costs little next to the server (node's http client
// would add ~200 k instructions per request to every variant). Run through
// bench/express-instructions.sh, which takes the difference of two run lengths.
//
//   node bench/express-instructions.mjs <bare|noop|als|als2|rtracer|context|context-lean|access|access1|access1-lean|access1-worker|pinohttp> <requests>
//
// `noop` (one middleware that only calls next()) and `als` (one middleware that only runs
// next() in an AsyncLocalStorage) are floors, not products: what Express charges for any
// middleware, and what any AsyncLocalStorage-based request context costs on this Node.
// `als2` runs next() inside two stores' runs, one in the other: the floor of a context that,
// like expressContext, has cls-rtracer carry the trace id beside its own scope.
// `rtracer` is cls-rtracer's own expressMiddleware (a request id and nothing else), the part
// a hand-glued stack starts from.
// `context-lean` and `access1-lean` are `context` and `access1` with `rTracer: false` (no
// cls-rtracer store: one AsyncLocalStorage run per request).
// `access` is expressContext() + accessLog() (two lines per request), `access1` the same with
// `lines: 'one'`, `access1-worker` that with createEcsWorkerLogger (callgrind counts the render
// thread too: this variant is for profiles of the event loop, not for instruction counts), `pinohttp` pino-http writing to a sink (one line per response, no masking):
// the reference the one-line access log's target (≤ 1.5× its cost over bare) is stated against.
//
// Uses the BUILT packages (npm run build first).
import http from 'node:http';
import net from 'node:net';
import { createRequire } from 'node:module';
import { Writable } from 'node:stream';
import { openSync } from 'node:fs';
import { AsyncLocalStorage } from 'node:async_hooks';

const require = createRequire(import.meta.url);
const express = require('express');
const ecsExpress = require('../packages/express/dist/index.js');
const core = require('../packages/core/dist/index.js');

const VARIANTS = ['bare', 'noop', 'als', 'als2', 'rtracer', 'context', 'context-lean', 'access', 'access1', 'access1-lean', 'access1-worker', 'pinohttp'];
const [variant, countText] = process.argv.slice(2);
const count = Number(countText);
if (!VARIANTS.includes(variant) || !Number.isInteger(count) || count < 1) {
  console.error(`usage: node bench/express-instructions.mjs <${VARIANTS.join('|')}> <requests>`);
  process.exit(2);
}

const app = express();
if (variant === 'noop') app.use((_req, _res, next) => next());
if (variant === 'als') {
  const storage = new AsyncLocalStorage();
  app.use((_req, _res, next) => storage.run({}, next));
}
if (variant === 'als2') {
  const scope = new AsyncLocalStorage();
  const id = new AsyncLocalStorage();
  app.use((_req, _res, next) => scope.run({}, () => id.run('id', next)));
}
if (variant === 'rtracer') app.use(require('cls-rtracer').expressMiddleware());
const sink = new Writable({ write(_chunk, _enc, done) { done(); } });
const lean = variant.endsWith('-lean');
const onWorker = variant.endsWith('-worker');
const base = lean || onWorker ? variant.slice(0, variant.lastIndexOf('-')) : variant;
if (base === 'context' || base === 'access' || base === 'access1') app.use(ecsExpress.expressContext({ getUserId: (req) => req.headers['x-user'], orderCheck: 'off', rTracer: !lean }));
if (base === 'access' || base === 'access1') {
  const env = { PROJECT_NAME: 'bench', APP_VERSION: '1.0.0', NODE_ENV: 'production' };
  const lines = base === 'access1' ? 'one' : 'request-and-response';
  const logger = onWorker ? core.createEcsWorkerLogger({ destination: openSync('/dev/null', 'w'), env }) : core.createEcsLogger({ stream: sink, env });
  app.use(ecsExpress.accessLog({ logger, lines }));
  process.on('beforeExit', () => logger.end());
}
if (variant === 'pinohttp') app.use(require('pino-http')({ logger: require('pino')({ level: 'info' }, sink) }));
app.get('/orders/:id', (req, res) => res.json({ ok: true, id: req.params.id }));

const server = http.createServer(app);
await new Promise((resolve) => server.listen({ port: 0, host: '127.0.0.1' }, resolve));
const { port } = server.address();

/** Sends `total` requests over `connections` keep-alive sockets, one at a time on each. */
function drive(total, connections) {
  return new Promise((resolve) => {
    let sent = 0;
    let answered = 0;
    for (let c = 0; c < connections; c++) {
      const socket = net.connect(port, '127.0.0.1');
      socket.setEncoding('latin1');
      let pending = '';
      const send = () => {
        if (sent >= total) return socket.destroy();
        socket.write(
          `GET /orders/${sent++} HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
            'traceparent: 00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01\r\nx-user: user-42\r\n\r\n',
        );
      };
      socket.on('connect', send);
      socket.on('data', (chunk) => {
        pending += chunk;
        for (;;) {
          const end = pending.indexOf('\r\n\r\n');
          if (end === -1) return;
          const length = Number(/content-length: (\d+)/i.exec(pending.slice(0, end))[1]);
          if (pending.length < end + 4 + length) return;
          pending = pending.slice(end + 4 + length);
          if (++answered === total) resolve();
          send();
        }
      });
    }
  });
}

await drive(3000, 4); // warm-up: JIT and inline caches settle
await drive(count, 4);
server.closeAllConnections();
server.close();
