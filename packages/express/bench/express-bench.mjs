// Requests per second of a minimal Express app: bare, with the context middleware, with
// access logging (two lines per request, and one; through createEcsLogger, and through
// createEcsWorkerLogger, which renders on a worker thread), and pino-http for reference, measured in
// one run against 127.0.0.1 with a bounded request count. Each variant's cost over bare is
// given per request (µs = 1e6/rps − 1e6/rps_bare), and the ratios the targets are stated in:
// one-line access log ÷ pino-http (≤ 1.5×), two-line ÷ pino-http (≤ 2×), context over bare.
// Uses the BUILT packages (packages/express/dist, packages/core/dist): build first with
//   npx tsc -b packages/core packages/express
// Exported for bench/run.mjs; `node packages/express/bench/express-bench.mjs` runs it alone.
import http from 'node:http';
import { createRequire } from 'node:module';
import { existsSync, openSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Writable } from 'node:stream';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const EXPRESS_DIST = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const CORE_DIST = fileURLToPath(new URL('../../core/dist/index.js', import.meta.url));

function loadBuilt() {
  for (const file of [EXPRESS_DIST, CORE_DIST]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run "npx tsc -b packages/core packages/express" first`);
  }
  return { ecsExpress: require(EXPRESS_DIST), core: require(CORE_DIST) };
}

const BENCH_ENV = { PROJECT_NAME: 'bench', APP_VERSION: '1.0.0', NODE_ENV: 'production' };

/** A winston logger through the whole ECS chain, writing to a sink that drops the bytes. */
function sinkLogger(core) {
  const sink = new Writable({ write(_chunk, _enc, callback) { callback(); } });
  return core.createEcsLogger({ stream: sink, env: BENCH_ENV });
}

/** The same chain on a worker thread (createEcsWorkerLogger), writing to /dev/null. */
function workerLogger(core) {
  return core.createEcsWorkerLogger({ destination: openSync('/dev/null', 'w'), env: BENCH_ENV });
}

function buildApps(express, ecsExpress, core) {
  const handler = (req, res) => res.json({ ok: true, id: req.params.id });
  const bare = express();
  bare.get('/orders/:id', handler);

  const context = express();
  context.use(ecsExpress.expressContext({ getUserId: (req) => req.headers['x-user'], orderCheck: 'off' }));
  context.get('/orders/:id', handler);

  const loggers = [];
  const accessLogged = (lines, makeLogger = sinkLogger) => {
    const app = express();
    const logger = makeLogger(core);
    loggers.push(logger);
    app.use(ecsExpress.expressContext({ getUserId: (req) => req.headers['x-user'], orderCheck: 'off' }));
    app.use(ecsExpress.accessLog({ logger, lines }));
    app.get('/orders/:id', handler);
    return app;
  };

  // for reference: pino-http (pino's own request logger: one line per response, no masking)
  const pinoHttp = require('pino-http');
  const pino = require('pino');
  const pinoSink = new Writable({ write(_chunk, _enc, callback) { callback(); } });
  const pinoLogged = express();
  pinoLogged.use(pinoHttp({ logger: pino({ level: 'info' }, pinoSink) }));
  pinoLogged.get('/orders/:id', handler);

  const apps = [
    ['bare', bare],
    ['context', context],
    [TWO_LINES, accessLogged('request-and-response')],
    [ONE_LINE, accessLogged('one')],
    [TWO_LINES_WORKER, accessLogged('request-and-response', workerLogger)],
    [ONE_LINE_WORKER, accessLogged('one', workerLogger)],
    [PINO_HTTP, pinoLogged],
  ];
  return { apps, loggers };
}

function listen(app) {
  return new Promise((resolve) => {
    const server = http.createServer(app);
    server.listen({ port: 0, host: '127.0.0.1', backlog: 1024 }, () => resolve(server));
  });
}

function oneRequest(agent, port, n) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: `/orders/${n}`,
        agent,
        headers: { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01', 'x-user': 'user-42' },
      },
      (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`status ${res.statusCode}`))));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** Sends `count` requests over `concurrency` keep-alive connections; returns elapsed ms. */
async function drive(port, count, concurrency) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  let next = 0;
  const worker = async () => {
    while (next < count) await oneRequest(agent, port, next++);
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  const ms = performance.now() - start;
  agent.destroy();
  return ms;
}

/** The app names the ratios are taken between. */
const BARE = 'bare';
const CONTEXT = 'context';
const TWO_LINES = 'access-log';
const ONE_LINE = 'access-log (one line)';
const PINO_HTTP = 'pino-http (reference)';
const TWO_LINES_WORKER = 'access-log, worker logger';
const ONE_LINE_WORKER = 'access-log (one line), worker logger';

const round2 = (n) => Math.round(n * 100) / 100;

/**
 * What each app costs over bare per request, in µs (1e6/rps − 1e6/rps_bare), and the target
 * ratios: one-line access log ÷ pino-http (target ≤ 1.5), two-line ÷ pino-http (≤ 2), context
 * cost in µs and relative to bare's own time per request.
 */
function costRatios(results) {
  const usPerRequest = (name) => 1e6 / results.find((r) => r.name === name).rps;
  const bare = usPerRequest(BARE);
  const cost = (name) => usPerRequest(name) - bare;
  return {
    oneLineOverPinoHttp: round2(cost(ONE_LINE) / cost(PINO_HTTP)),
    twoLinesOverPinoHttp: round2(cost(TWO_LINES) / cost(PINO_HTTP)),
    oneLineWorkerOverPinoHttp: round2(cost(ONE_LINE_WORKER) / cost(PINO_HTTP)),
    twoLinesWorkerOverPinoHttp: round2(cost(TWO_LINES_WORKER) / cost(PINO_HTTP)),
    contextCostUs: round2(cost(CONTEXT)),
    contextOverBare: round2(usPerRequest(CONTEXT) / bare),
    targets: { oneLineOverPinoHttp: 1.5, twoLinesOverPinoHttp: 2 },
  };
}

/**
 * Measures the apps in one run.
 *
 * @param {{ requests?: number, concurrency?: number, rounds?: number, expressModule?: 'express' | 'express4' }} [options]
 * @returns {Promise<{ requests: number, concurrency: number, rounds: number, node: string, express: string,
 *   results: { name: string, rps: number, ms: number, relativeToBare: number, costUs: number }[],
 *   ratios: { oneLineOverPinoHttp: number, twoLinesOverPinoHttp: number, oneLineWorkerOverPinoHttp: number,
 *     twoLinesWorkerOverPinoHttp: number, contextCostUs: number, contextOverBare: number,
 *     targets: { oneLineOverPinoHttp: number, twoLinesOverPinoHttp: number } } }>}
 */
export async function runExpressBench({ requests = 20_000, concurrency = 32, rounds = 2, expressModule = 'express' } = {}) {
  if (!Number.isInteger(requests) || requests < 1) throw new RangeError('requests must be a positive integer');
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 1024) throw new RangeError('concurrency must be an integer in 1..1024');
  if (!Number.isInteger(rounds) || rounds < 1) throw new RangeError('rounds must be a positive integer');
  const { ecsExpress, core } = loadBuilt();
  const express = require(expressModule);
  const { apps, loggers } = buildApps(express, ecsExpress, core);
  const servers = await Promise.all(apps.map(([, app]) => listen(app)));
  try {
    const warmup = Math.min(2_000, Math.max(100, Math.floor(requests / 10)));
    for (const server of servers) await drive(server.address().port, warmup, concurrency);
    // rounds interleave the apps, so drift (GC, CPU frequency) hits each alike; the best round counts
    const best = apps.map(() => Infinity);
    for (let round = 0; round < rounds; round++) {
      for (let i = 0; i < servers.length; i++) {
        best[i] = Math.min(best[i], await drive(servers[i].address().port, requests, concurrency));
      }
    }
    const bareRps = (requests / best[0]) * 1000;
    const results = apps.map(([name], i) => {
      const rps = (requests / best[i]) * 1000;
      return { name, rps: Math.round(rps), ms: Math.round(best[i]), relativeToBare: Math.round((rps / bareRps) * 1000) / 1000, costUs: round2(1e6 / rps - 1e6 / bareRps) };
    });
    return {
      requests,
      concurrency,
      rounds,
      node: process.version,
      express: `${expressModule}@${require(`${expressModule}/package.json`).version}`,
      results,
      ratios: costRatios(results.map((r, i) => ({ name: r.name, rps: (requests / best[i]) * 1000 }))),
    };
  } finally {
    await Promise.all(servers.map((s) => new Promise((r) => { s.closeAllConnections(); s.close(r); })));
    await Promise.all(loggers.map((logger) => new Promise((r) => { logger.on('finish', r); logger.end(); })));
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const requests = Number(process.env.BENCH_REQUESTS ?? 20_000);
  const result = await runExpressBench({ requests });
  console.log(JSON.stringify(result, null, 2));
}
