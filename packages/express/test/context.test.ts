import { afterEach, describe, expect, it } from 'vitest';
import http from 'node:http';
import { AsyncResource } from 'node:async_hooks';
import * as rTracer from 'cls-rtracer';
import { bindLoggingContext, getLoggingContext, EcsctxOptionsError } from '@ecsctx/core';
import { expressContext, SCOPE_LOST_DIAGNOSTIC } from '@ecsctx/express';
import { EXPRESS_VERSIONS } from './support/express-versions';
import { listen, request, type Running } from './support/http';
import { collectDiagnostics, HEX16, HEX32, makeLogs } from './support/logs';

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const PARENT_ID = 'b7ad6b7169203331';
const TRACEPARENT = `00-${TRACE_ID}-${PARENT_ID}-01`;

const diagnostics = collectDiagnostics();
let running: Running | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

describe.each(EXPRESS_VERSIONS)('expressContext with %s', (_name, express) => {
  /** An app whose /work route logs a line from "another module" and answers with what it saw. */
  function appWith(options: Parameters<typeof expressContext>[0] = {}, logs = makeLogs()) {
    const app = express();
    app.use(expressContext(options));
    app.get('/work', async (_req, res) => {
      logs.logger.info('work_started');
      await new Promise((r) => setTimeout(r, 2));
      logs.logger.info('work_done');
      res.json({ rtracerId: rTracer.id(), context: getLoggingContext() });
    });
    return { app, logs };
  }

  /**
   * An app whose POST /lost reads the body in listeners added inside a pooled, callback-based
   * client's async context (a library that lost AsyncLocalStorage); `onEnd` runs in them.
   */
  function lostListenerApp(options: Parameters<typeof expressContext>[0], logs: ReturnType<typeof makeLogs>, onEnd: (res: import('express').Response) => void) {
    const app = express();
    app.use(expressContext(options));
    const pool = new AsyncResource('connection-pool');
    app.post('/lost', (req, res) => {
      logs.logger.info('body_awaited');
      pool.runInAsyncScope(() => {
        req.on('data', () => undefined);
        req.on('end', () => onEnd(res));
      });
    });
    return app;
  }

  it('continues a valid traceparent: every line carries its trace.id, a new span.id and client.ip', async () => {
    const { app, logs } = appWith();
    running = await listen(app);
    const reply = await request(`${running.url}/work`, { headers: { traceparent: TRACEPARENT } });
    const lines = await logs.until((l) => l.length === 2);
    for (const line of lines) {
      expect(line.trace).toEqual({ id: TRACE_ID });
      expect(line.span.id).toMatch(HEX16);
      expect(line.span.id).not.toBe(PARENT_ID);
      expect(line.client).toEqual({ ip: '127.0.0.1' });
    }
    expect(lines[0].span.id).toBe(lines[1].span.id);
    expect(reply.json().context.spanId).toBe(lines[0].span.id);
  });

  it('makes cls-rtracer carry the trace id: rTracer.id() equals trace.id', async () => {
    const { app, logs } = appWith();
    running = await listen(app);
    const reply = await request(`${running.url}/work`, { headers: { traceparent: TRACEPARENT } });
    expect(reply.json().rtracerId).toBe(TRACE_ID);
    const fresh = await request(`${running.url}/work`);
    const lines = await logs.until((l) => l.length === 4);
    expect(fresh.json().rtracerId).toBe(lines[3].trace.id);
  });

  it('with rTracer: false, cls-rtracer holds no id; lines, the scope, traceIdHeader and a lost listener are the same', async () => {
    const logs = makeLogs();
    const app = lostListenerApp({ rTracer: false, traceIdHeader: 'X-Trace-Id' }, logs, (res) => {
      logs.logger.info('body_read');
      res.json({ rtracerId: rTracer.id() ?? null, context: getLoggingContext() });
    });
    running = await listen(app);
    const reply = await request(`${running.url}/lost`, { method: 'POST', body: 'abc', headers: { traceparent: TRACEPARENT } });
    const lines = await logs.until((l) => l.length === 2);
    expect(reply.json().rtracerId).toBeNull();
    expect(reply.headers['x-trace-id']).toBe(TRACE_ID);
    for (const line of lines) expect(line.trace).toEqual({ id: TRACE_ID });
    expect(lines[1].span.id).toBe(lines[0].span.id);
    expect(reply.json().context.spanId).toBe(lines[0].span.id);
  });

  it('rejects an rTracer option that is not a boolean', () => {
    expect(() => expressContext({ rTracer: 'no' as never })).toThrow(EcsctxOptionsError);
  });

  it.each([
    ['missing', undefined],
    ['uppercase hex', `00-${TRACE_ID.toUpperCase()}-${PARENT_ID}-01`],
    ['all-zero trace id', `00-${'0'.repeat(32)}-${PARENT_ID}-01`],
    ['all-zero parent id', `00-${TRACE_ID}-${'0'.repeat(16)}-01`],
    ['version ff', `ff-${TRACE_ID}-${PARENT_ID}-01`],
    ['short trace id', `00-${TRACE_ID.slice(1)}-${PARENT_ID}-01`],
    ['garbage', 'not-a-traceparent'],
    ['version 00 with extra data', `${TRACEPARENT}-extra`],
  ])('starts a new trace when traceparent is %s (never a crash or a garbage id)', async (_case, traceparent) => {
    const { app, logs } = appWith();
    running = await listen(app);
    const reply = await request(`${running.url}/work`, {
      headers: traceparent === undefined ? {} : { traceparent, tracestate: 'congo=t61rcWkgMzE' },
    });
    expect(reply.status).toBe(200);
    const lines = await logs.until((l) => l.length === 2);
    expect(lines[0].trace.id).toMatch(HEX32);
    expect(lines[0].trace.id).not.toBe(TRACE_ID);
    expect(lines[1].trace.id).toBe(lines[0].trace.id);
  });

  it('starts a new trace when two traceparent headers arrive', async () => {
    const { app, logs } = appWith();
    running = await listen(app);
    await request(`${running.url}/work`, { headers: { traceparent: [TRACEPARENT, `00-${'1'.repeat(32)}-${PARENT_ID}-01`] } });
    const lines = await logs.until((l) => l.length === 2);
    expect(lines[0].trace.id).toMatch(HEX32);
    expect(lines[0].trace.id).not.toBe(TRACE_ID);
  });

  it('works behind nginx both ways: a forwarded client header and a header nginx generated', async () => {
    const { app, logs } = appWith();
    running = await listen(app);
    // nginx forwards the client's header as is
    await request(`${running.url}/work`, { headers: { traceparent: TRACEPARENT } });
    // nginx generated it: $request_id (32 hex) with a 16-hex parent (docs/express.md gives the map)
    const requestId = 'f3a9c2d17b6e4f0a9d8c7b6a5e4d3c2b';
    await request(`${running.url}/work`, { headers: { traceparent: `00-${requestId}-${requestId.slice(0, 16)}-01` } });
    // the seed's `00-$request_id-$connection-01` has a decimal parent id: invalid, so a new trace
    await request(`${running.url}/work`, { headers: { traceparent: `00-${requestId}-42-01` } });
    const lines = await logs.until((l) => l.length === 6);
    expect(lines.map((l) => l.trace.id).slice(0, 4)).toEqual([TRACE_ID, TRACE_ID, requestId, requestId]);
    expect(lines[4].trace.id).toMatch(HEX32);
    expect(lines[4].trace.id).not.toBe(requestId);
  });

  it('starts a new trace for clients it does not trust (acceptTraceHeaders)', async () => {
    const { app, logs } = appWith({ acceptTraceHeaders: (req) => req.headers['x-internal'] === '1' });
    running = await listen(app);
    await request(`${running.url}/work`, { headers: { traceparent: TRACEPARENT } });
    await request(`${running.url}/work`, { headers: { traceparent: TRACEPARENT, 'x-internal': '1' } });
    const lines = await logs.until((l) => l.length === 4);
    expect(lines[0].trace.id).not.toBe(TRACE_ID);
    expect(lines[2].trace.id).toBe(TRACE_ID);
  });

  it('gives each request its own span.id, also with the same traceparent', async () => {
    const { app, logs } = appWith();
    running = await listen(app);
    await request(`${running.url}/work`, { headers: { traceparent: TRACEPARENT } });
    await request(`${running.url}/work`, { headers: { traceparent: TRACEPARENT } });
    const lines = await logs.until((l) => l.length === 4);
    expect(lines[0].span.id).not.toBe(lines[2].span.id);
  });

  it('honours trust proxy for client.ip (req.ip), and ignores X-Forwarded-For without it', async () => {
    const logs = makeLogs();
    const trusting = appWith({}, logs).app;
    trusting.set('trust proxy', 'loopback');
    running = await listen(trusting);
    await request(`${running.url}/work`, { headers: { 'x-forwarded-for': '203.0.113.7, 127.0.0.1' } });
    await running.close();
    running = await listen(appWith({}, logs).app);
    await request(`${running.url}/work`, { headers: { 'x-forwarded-for': '203.0.113.7' } });
    const lines = await logs.until((l) => l.length === 4);
    expect(lines[0].client).toEqual({ ip: '203.0.113.7' });
    expect(lines[2].client).toEqual({ ip: '127.0.0.1' });
  });

  it('keeps the scope in listeners on req and res: a body read by hand that arrives late, a finish listener', async () => {
    const logs = makeLogs();
    const app = express();
    app.use(expressContext());
    app.use(express.json()); // raw-body binds its own callback; hand-written listeners need cls-rtracer's binding
    app.post('/upload', (req, res) => {
      let size = 0;
      req.on('data', (chunk: Buffer) => (size += chunk.length));
      req.on('end', () => {
        logs.logger.info('upload_received', { bytes: size });
        res.on('finish', () => logs.logger.info('upload_answered'));
        res.json({ size });
      });
    });
    running = await listen(app);
    const { port } = new URL(running.url);
    await new Promise<void>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, path: '/upload', method: 'POST', headers: { traceparent: TRACEPARENT, 'content-type': 'application/octet-stream', 'content-length': 11 } });
      req.on('response', (res) => res.resume().on('end', resolve));
      req.on('error', reject);
      req.flushHeaders();
      // the body comes in later socket reads, after the route started listening
      setTimeout(() => req.write('{"qty":'), 20);
      setTimeout(() => req.end('123}'), 40);
    });
    const lines = await logs.until((l) => l.length === 2);
    for (const line of lines) {
      expect(line.trace).toEqual({ id: TRACE_ID });
      expect(line.span.id).toMatch(HEX16);
    }
  });

  it('keeps the scope in a listener added where a library lost it: the same scope, binds included, and cls-rtracer id', async () => {
    const logs = makeLogs();
    const app = lostListenerApp({}, logs, (res) => {
      bindLoggingContext({ sessionId: 'bound-in-listener' });
      logs.logger.info('body_read', { rtracer: rTracer.id() });
      res.end();
    });
    running = await listen(app);
    await request(`${running.url}/lost`, { method: 'POST', body: 'abc', headers: { traceparent: TRACEPARENT } });
    const lines = await logs.until((l) => l.length === 2);
    expect(lines.map((l) => l.message)).toEqual(['body_awaited', 'body_read']);
    expect(lines[1].trace).toEqual({ id: TRACE_ID });
    expect(lines[1].span.id).toMatch(HEX16);
    expect(lines[1].span.id).toBe(lines[0].span.id);
    expect(lines[1].extra.rtracer).toBe(TRACE_ID);
    expect(lines[1].session_id).toBe('bound-in-listener');
  });

  it('binds only the requests it serves: other emitters and responses of a client are untouched, off() finds a bound listener', async () => {
    const app = express();
    app.use(expressContext());
    const seen: Record<string, unknown> = {};
    app.get('/probe', (req, res) => {
      const handler = (): void => undefined;
      req.on('close', handler);
      const stored = req.rawListeners('close').at(-1) as ((...a: unknown[]) => unknown) & { listener?: unknown };
      seen.wrapped = stored !== handler && stored.listener === handler;
      req.off('close', handler);
      seen.removed = !req.rawListeners('close').includes(stored);
      // an instrumentation's own method that calls the prototype's (as OpenTelemetry's bind does)
      const protoOn = Object.getPrototypeOf(req).on as typeof req.on;
      req.on = function (this: typeof req, event: string | symbol, fn: (...a: unknown[]) => void) {
        return protoOn.call(this, event, fn);
      } as typeof req.on;
      const other = (): void => undefined;
      req.on('close', other);
      const otherStored = req.rawListeners('close').at(-1) as ((...a: unknown[]) => unknown) & { listener?: unknown };
      seen.instrumented = otherStored.listener === other;
      req.off('close', other);
      seen.instrumentedRemoved = !req.rawListeners('close').includes(otherStored);
      delete (req as { on?: unknown }).on;
      // no own listener methods: the request object keeps its shape
      seen.ownOn = Object.prototype.hasOwnProperty.call(req, 'on') || Object.prototype.hasOwnProperty.call(res, 'on');
      res.json({ ok: true });
    });
    running = await listen(app);
    const { port } = new URL(running.url);
    const clientSide = await new Promise<{ same: boolean }>((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port, path: '/probe' }, (res) => {
        const handler = (): void => undefined;
        res.on('data', handler);
        const same = res.rawListeners('data').includes(handler);
        res.resume().on('end', () => resolve({ same }));
      });
      req.on('error', reject);
    });
    expect(seen).toEqual({ wrapped: true, removed: true, ownOn: false, instrumented: true, instrumentedRemoved: true });
    expect(clientSide.same).toBe(true);
  });

  it('echoes trace.id in a response header when asked', async () => {
    const { app } = appWith({ traceIdHeader: 'X-Trace-Id' });
    running = await listen(app);
    const reply = await request(`${running.url}/work`, { headers: { traceparent: TRACEPARENT } });
    expect(reply.headers['x-trace-id']).toBe(TRACE_ID);
  });

  it('opens one scope when mounted twice (app and router): later mounts keep the span and what was bound', async () => {
    const logs = makeLogs();
    const app = express();
    app.use(expressContext());
    app.use((_req, _res, next) => {
      bindLoggingContext({ sessionId: 'sess-1' });
      next();
    });
    const router = express.Router();
    router.use(expressContext());
    router.get('/x', (_req, res) => {
      logs.logger.info('in_router');
      res.json(getLoggingContext());
    });
    app.use('/r', router);
    running = await listen(app);
    const reply = await request(`${running.url}/r/x`);
    const lines = await logs.until((l) => l.length === 1);
    expect(lines[0].session_id).toBe('sess-1');
    expect(reply.json().spanId).toBe(lines[0].span.id);
  });

  it('re-opens the request scope when a library lost it between two mounts', async () => {
    const logs = makeLogs();
    const app = express();
    app.use(expressContext());
    // a pooled, callback-based client: it runs callbacks in the async context it was created in
    const pool = new AsyncResource('connection-pool');
    app.use((_req, _res, next) => pool.runInAsyncScope(next));
    app.use(expressContext());
    app.get('/x', (_req, res) => {
      logs.logger.info('after_loss');
      res.end();
    });
    running = await listen(app);
    await request(`${running.url}/x`, { headers: { traceparent: TRACEPARENT } });
    const lines = await logs.until((l) => l.length === 1);
    expect(lines[0].trace).toEqual({ id: TRACE_ID });
    expect(lines[0].span.id).toMatch(HEX16);
    expect(diagnostics.map((d) => d.code)).toContain(SCOPE_LOST_DIAGNOSTIC);
  });

  it('does not leak what one request bound into the next', async () => {
    const logs = makeLogs();
    const app = express();
    app.use(expressContext());
    app.get('/a', (_req, res) => {
      bindLoggingContext({ sessionId: 'from-a', extra: { merchant_id: 'acme' } });
      logs.logger.info('in_a');
      res.end();
    });
    app.get('/b', (_req, res) => {
      logs.logger.info('in_b');
      res.end();
    });
    running = await listen(app);
    await request(`${running.url}/a`);
    await request(`${running.url}/b`);
    const lines = await logs.until((l) => l.length === 2);
    expect(lines[0].session_id).toBe('from-a');
    expect(lines[1].session_id).toBeUndefined();
    expect(lines[1].merchant_id).toBeUndefined();
  });
});

describe('expressContext options', () => {
  it.each([
    [{ getUserId: 'user' }],
    [{ acceptTraceHeaders: 'yes' }],
    [{ traceIdHeader: 'bad header' }],
    [{ orderCheck: 'loud' }],
  ])('rejects %j at creation with EcsctxOptionsError', (options) => {
    expect(() => expressContext(options as never)).toThrow(EcsctxOptionsError);
  });
});
