// Requests per second of a minimal Express app: bare, with the context middleware, with
// access logging, and pino-http for reference, measured in one run against 127.0.0.1 with a
// bounded request count.
// Uses the BUILT packages (packages/express/dist, packages/core/dist): build first with
//   npx tsc -b packages/core packages/express
// Exported for bench/run.mjs; `node packages/express/bench/express-bench.mjs` runs it alone.
import http from 'node:http';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
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

/** A winston logger through the whole ECS chain, writing to a sink that drops the bytes. */
function sinkLogger(core) {
  const sink = new Writable({ write(_chunk, _enc, callback) { callback(); } });
  return core.createEcsLogger({ stream: sink, env: { PROJECT_NAME: 'bench', APP_VERSION: '1.0.0', NODE_ENV: 'production' } });
}

function buildApps(express, ecsExpress, core) {
  const handler = (req, res) => res.json({ ok: true, id: req.params.id });
  const bare = express();
  bare.get('/orders/:id', handler);

  const context = express();
  context.use(ecsExpress.expressContext({ getUserId: (req) => req.headers['x-user'], orderCheck: 'off' }));
  context.get('/orders/:id', handler);

  const accessLogged = express();
  accessLogged.use(ecsExpress.expressContext({ getUserId: (req) => req.headers['x-user'], orderCheck: 'off' }));
  accessLogged.use(ecsExpress.accessLog({ logger: sinkLogger(core) }));
  accessLogged.get('/orders/:id', handler);

  // for reference: pino-http (pino's own request logger: one line per response, no masking)
  const pinoHttp = require('pino-http');
  const pino = require('pino');
  const pinoSink = new Writable({ write(_chunk, _enc, callback) { callback(); } });
  const pinoLogged = express();
  pinoLogged.use(pinoHttp({ logger: pino({ level: 'info' }, pinoSink) }));
  pinoLogged.get('/orders/:id', handler);

  return [
    ['bare', bare],
    ['context', context],
    ['access-log', accessLogged],
    ['pino-http (reference)', pinoLogged],
  ];
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

/**
 * Measures the three apps in one run.
 *
 * @param {{ requests?: number, concurrency?: number, rounds?: number, expressModule?: 'express' | 'express4' }} [options]
 * @returns {Promise<{ requests: number, concurrency: number, rounds: number, node: string, express: string,
 *   results: { name: string, rps: number, ms: number, relativeToBare: number }[] }>}
 */
export async function runExpressBench({ requests = 20_000, concurrency = 32, rounds = 2, expressModule = 'express' } = {}) {
  if (!Number.isInteger(requests) || requests < 1) throw new RangeError('requests must be a positive integer');
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 1024) throw new RangeError('concurrency must be an integer in 1..1024');
  if (!Number.isInteger(rounds) || rounds < 1) throw new RangeError('rounds must be a positive integer');
  const { ecsExpress, core } = loadBuilt();
  const express = require(expressModule);
  const apps = buildApps(express, ecsExpress, core);
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
    return {
      requests,
      concurrency,
      rounds,
      node: process.version,
      express: `${expressModule}@${require(`${expressModule}/package.json`).version}`,
      results: apps.map(([name], i) => {
        const rps = (requests / best[i]) * 1000;
        return { name, rps: Math.round(rps), ms: Math.round(best[i]), relativeToBare: Math.round((rps / bareRps) * 1000) / 1000 };
      }),
    };
  } finally {
    await Promise.all(servers.map((s) => new Promise((r) => { s.closeAllConnections(); s.close(r); })));
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const requests = Number(process.env.BENCH_REQUESTS ?? 20_000);
  const result = await runExpressBench({ requests });
  console.log(JSON.stringify(result, null, 2));
}
