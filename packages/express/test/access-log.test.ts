import { afterEach, describe, expect, it } from 'vitest';
import type { Request, Response } from 'express';
import { EcsctxOptionsError } from '@ecsctx/core';
import { PII_REDACTED } from '@ecsctx/core/fields';
import { accessLog, expressContext, HTTP_EVENTS, TRUNCATED_MARK, type AccessLogOptions } from '@ecsctx/express';
import { EXPRESS_VERSIONS } from './support/express-versions';
import { listen, request, type Running } from './support/http';
import { collectDiagnostics, HEX16, makeLogs, withMessage, type Logs } from './support/logs';
import { ORDER_SECRETS, postOrderWithSecrets, shopApp, visitSkippedThenLogged } from './support/shop';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const TRACEPARENT = `00-${TRACE_ID}-00f067aa0ba902b7-01`;

collectDiagnostics(); // [PII_REDACTED] diagnostics stay out of the test output
let running: Running | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

const pair = (logs: Logs, n = 1) =>
  logs.until((l) => withMessage(l, HTTP_EVENTS.responseSent).length + withMessage(l, HTTP_EVENTS.requestAborted).length >= n);

describe.each(EXPRESS_VERSIONS)('accessLog with %s', (_name, express) => {
  const shop = (logs: Logs, options: Partial<AccessLogOptions> = {}) => shopApp(express, logs, options);

  it('writes an INBOUND and an OUTBOUND line with static messages and the request fields', async () => {
    const logs = makeLogs();
    running = await listen(shop(logs));
    const { reply, body } = await postOrderWithSecrets(running.url);
    expect(reply.status).toBe(201);
    const lines = await pair(logs);
    const [inbound] = withMessage(lines, HTTP_EVENTS.requestReceived);
    const [outbound] = withMessage(lines, HTTP_EVENTS.responseSent);

    expect(inbound['log.level']).toBe('info');
    expect(inbound.http.request.method).toBe('POST');
    expect(inbound.http.version).toBe('1.1');
    expect(inbound.url.path).toBe('/orders');
    // masked by parameter name (a name is no email: only the name says it is PII)
    expect(inbound.url.query).toBe(`ref=abc&email=${PII_REDACTED}&access_token=****&customer_name=${PII_REDACTED}`);
    expect(inbound.user_agent).toEqual({ original: 'shop-client/1.0' });
    expect(inbound.client).toEqual({ ip: '127.0.0.1' });
    expect(inbound.user).toEqual({ id: '42' });
    expect(inbound.trace).toEqual({ id: TRACE_ID });
    expect(inbound.span.id).toMatch(HEX16);
    expect(inbound.http.request.headers['content-type']).toBe('application/json');
    expect(inbound.http.request.headers.authorization).toBe('Bearer abcd****wxyz');
    expect(inbound.http.request.headers.cookie).toBe('sid=****');
    expect(inbound.http.request.body.bytes).toBe(Buffer.byteLength(body));
    expect(JSON.parse(inbound.http.request.body.content)).toEqual({
      items: [{ sku: 'A1', qty: 2 }],
      customer: { name: PII_REDACTED, email: PII_REDACTED },
      password: '[REDACTED]',
    });

    expect(outbound['log.level']).toBe('info');
    expect(outbound.http.request.method).toBe('POST');
    expect(outbound.url.path).toBe('/orders');
    expect(outbound.http.response.status_code).toBe(201);
    expect(outbound.http.response.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(outbound.http.response.body.content)).toEqual({ id: 'ord-1', customer_name: PII_REDACTED, access_token: '[REDACTED]', items: [{ sku: 'A1', qty: 2 }] });
    expect(outbound.http.response.body.bytes).toBe(Buffer.byteLength(reply.text));
    expect(Number.isInteger(outbound.event.duration)).toBe(true);
    expect(outbound.event.duration).toBeGreaterThanOrEqual(15_000_000); // the handler waited 20 ms: nanoseconds
    expect(outbound.event.outcome).toBe('success');
    expect(outbound.error).toBeUndefined();
    expect(outbound.span.id).toBe(inbound.span.id);
    expect(outbound.user).toEqual({ id: '42' });

    // nothing the client sent in clear survives anywhere in the lines
    const text = logs.capture.lines.join('\n');
    for (const secret of ORDER_SECRETS) expect(text, secret).not.toContain(secret);
  });

  it('removes ignored keys from the logged bodies, at any depth', async () => {
    const logs = makeLogs();
    running = await listen(shop(logs, { ignoreResponseKeys: ['access_token'], ignoreRequestKeys: ['qty'] }));
    await request(`${running.url}/orders`, { method: 'POST', body: JSON.stringify({ items: [{ sku: 'A1', qty: 2 }] }), headers: { 'content-type': 'application/json' } });
    const lines = await pair(logs);
    const [inbound] = withMessage(lines, HTTP_EVENTS.requestReceived);
    const [outbound] = withMessage(lines, HTTP_EVENTS.responseSent);
    expect(JSON.parse(inbound.http.request.body.content)).toEqual({ items: [{ sku: 'A1' }] });
    expect(outbound.http.response.body.content).not.toContain('access_token');
    expect(outbound.http.response.body.content).not.toContain('tok-secret');
  });

  it('cuts bodies to maxBodyLength', async () => {
    const logs = makeLogs();
    running = await listen(shop(logs, { maxBodyLength: 64 }));
    const items = Array.from({ length: 200 }, (_, i) => ({ sku: `SKU-${i}`, qty: i }));
    await request(`${running.url}/orders`, { method: 'POST', body: JSON.stringify({ items }), headers: { 'content-type': 'application/json' } });
    const lines = await pair(logs);
    const [inbound] = withMessage(lines, HTTP_EVENTS.requestReceived);
    const [outbound] = withMessage(lines, HTTP_EVENTS.responseSent);
    for (const content of [inbound.http.request.body.content, outbound.http.response.body.content]) {
      expect(content.length).toBeLessThanOrEqual(64 + TRUNCATED_MARK.length);
      expect(content.startsWith('{')).toBe(true);
    }
    expect(inbound.http.request.body.bytes).toBeGreaterThan(4000);
  });

  it('sets the level by status: warn for 4xx, error for 5xx with error.type and outcome failure', async () => {
    const logs = makeLogs();
    running = await listen(shop(logs));
    expect((await request(`${running.url}/orders/9`)).status).toBe(404);
    expect((await request(`${running.url}/status-500`)).status).toBe(503);
    expect((await request(`${running.url}/crash`)).status).toBe(500);
    const lines = await pair(logs, 3);
    const out = withMessage(lines, HTTP_EVENTS.responseSent);
    expect(out.map((l) => [l.url.path, l['log.level'], l.http.response.status_code, l.event.outcome, l.error?.type])).toEqual([
      ['/orders/9', 'warn', 404, 'success', undefined],
      ['/status-500', 'error', 503, 'failure', 'ServiceUnavailableError'],
      ['/crash', 'error', 500, 'failure', 'Error'],
    ]);
    // the INBOUND line is always info
    expect(withMessage(lines, HTTP_EVENTS.requestReceived).every((l) => l['log.level'] === 'info')).toBe(true);
  });

  it('skips health checks, configured patterns and OPTIONS', async () => {
    const logs = makeLogs();
    running = await listen(shop(logs));
    await visitSkippedThenLogged(running.url);
    const lines = await pair(logs);
    expect(lines.map((l) => l.url.path)).toEqual(['/orders/1', '/orders/1']);
  });

  it('logs no response body for responses that are not JSON', async () => {
    const logs = makeLogs();
    running = await listen(shop(logs));
    await request(`${running.url}/page`);
    const [outbound] = withMessage(await pair(logs), HTTP_EVENTS.responseSent);
    expect(outbound.http.response.body.content).toBeUndefined();
    expect(outbound.http.response.body.bytes).toBeGreaterThan(0);
  });

  it('writes http_request_aborted when the client goes away before the response', async () => {
    const logs = makeLogs();
    running = await listen(shop(logs));
    const { default: http } = await import('node:http');
    await new Promise<void>((resolve) => {
      const req = http.get(`${running!.url}/slow`);
      req.on('error', () => resolve());
      setTimeout(() => req.destroy(), 30);
    });
    const lines = await pair(logs);
    const [aborted] = withMessage(lines, HTTP_EVENTS.requestAborted);
    expect(aborted['log.level']).toBe('warn');
    expect(aborted.event.outcome).toBe('failure');
    expect(aborted.error.type).toBe('RequestAborted');
    expect(withMessage(lines, HTTP_EVENTS.responseSent)).toEqual([]);
  });

  it('is opt-in per router, and logs once when mounted on the app and a router', async () => {
    const logs = makeLogs();
    const app = express();
    app.use(expressContext());
    const api = express.Router();
    api.use(accessLog({ logger: logs.logger }));
    api.get('/ping', (_req, res) => res.json({ pong: true }));
    app.use('/api', api);
    app.get('/site', (_req, res) => res.send('ok'));
    const both = express.Router();
    both.use(accessLog({ logger: logs.logger }));
    both.get('/x', (_req, res) => res.json({}));
    app.use('/both', accessLog({ logger: logs.logger }), both);
    running = await listen(app);
    await request(`${running.url}/site`);
    await request(`${running.url}/api/ping`);
    await request(`${running.url}/both/x`);
    const lines = await pair(logs, 2);
    expect(lines.map((l) => `${l.message} ${l.url.path}`)).toEqual([
      'http_request_received /api/ping',
      'http_response_sent /api/ping',
      'http_request_received /both/x',
      'http_response_sent /both/x',
    ]);
  });

  it('says who called (client.ip) even without expressContext', async () => {
    const logs = makeLogs();
    const app = express();
    app.use(accessLog({ logger: logs.logger }));
    app.get('/x', (_req, res) => res.json({}));
    running = await listen(app);
    await request(`${running.url}/x`);
    const [inbound] = withMessage(await pair(logs), HTTP_EVENTS.requestReceived);
    expect(inbound.client).toEqual({ ip: '127.0.0.1' });
  });

  it('adds no own property to req or res (a new shape slows the rest of the request)', async () => {
    const logs = makeLogs();
    const keysOf = (o: object) => Reflect.ownKeys(o).map(String).sort();
    const seen: Record<string, { req: string[]; res: string[] }> = {};
    const handler = (name: string) => (req: Request, res: Response) => {
      seen[name] = { req: keysOf(req), res: keysOf(res) };
      res.json({ ok: true });
    };
    const bare = express();
    bare.use((_req, _res, next) => next()); // the same router path as the logged app
    bare.get('/x', handler('bare'));
    const logged = express();
    logged.use(expressContext({ getUserId: () => 'user-1' }));
    logged.use(accessLog({ logger: logs.logger }));
    logged.get('/x', handler('logged'));
    running = await listen(bare);
    await request(`${running.url}/x`);
    await running.close();
    running = await listen(logged);
    await request(`${running.url}/x`, { headers: { traceparent: TRACEPARENT } });
    const [outbound] = withMessage(await pair(logs), HTTP_EVENTS.responseSent);
    expect(outbound.http.response.body.content).toBe('{"ok":true}');
    expect(seen.logged).toEqual(seen.bare);
  });

  it("still logs the response body when another middleware replaced the request's res.json", async () => {
    const logs = makeLogs();
    const app = express();
    app.use(accessLog({ logger: logs.logger }));
    app.use((_req, res, next) => {
      const json = res.json.bind(res);
      res.json = (body: unknown) => json({ wrapped: body });
      next();
    });
    app.get('/x', (_req, res) => res.json({ id: 7 }));
    const plain = express(); // an app without the access log: res.json unchanged for it
    plain.get('/y', (_req, res) => res.json({ id: 8 }));
    running = await listen(app);
    await request(`${running.url}/x`);
    const [outbound] = withMessage(await pair(logs), HTTP_EVENTS.responseSent);
    expect(JSON.parse(outbound.http.response.body.content)).toEqual({ wrapped: { id: 7 } });
    await running.close();
    running = await listen(plain);
    const answer = await request(`${running.url}/y`);
    expect(answer.json()).toEqual({ id: 8 });
  });

  it('logs the response body as res.json sent it, whatever the handler changes afterwards', async () => {
    const logs = makeLogs();
    const app = express();
    app.use(accessLog({ logger: logs.logger }));
    app.get('/x', (_req, res) => {
      const body: Record<string, unknown> = { status: 'paid' };
      res.json(body);
      body.status = 'refunded_after_send';
      body.internal_note = 'never sent';
    });
    running = await listen(app);
    const answer = await request(`${running.url}/x`);
    expect(answer.json()).toEqual({ status: 'paid' });
    const [outbound] = withMessage(await pair(logs), HTTP_EVENTS.responseSent);
    expect(JSON.parse(outbound.http.response.body.content)).toEqual({ status: 'paid' });
  });

  it('writes both lines when the body given to res.json throws on a second read of its keys', async () => {
    const logs = makeLogs();
    const app = express();
    app.use(accessLog({ logger: logs.logger }));
    app.get('/x', (_req, res) => {
      let reads = 0;
      const body = new Proxy({ ok: true }, {
        ownKeys(target) {
          if (++reads > 1) throw new Error('second read');
          return Reflect.ownKeys(target);
        },
      });
      res.json(body);
    });
    running = await listen(app);
    expect((await request(`${running.url}/x`)).status).toBe(200);
    const lines = await pair(logs);
    expect(withMessage(lines, HTTP_EVENTS.requestReceived)).toHaveLength(1);
    expect(withMessage(lines, HTTP_EVENTS.responseSent)).toHaveLength(1);
  });

  it('logs what the handler gave res.json, the same on every request, when a wrapper was put around it before the access log', async () => {
    const logs = makeLogs();
    const app = express();
    app.get('/health', accessLog({ logger: logs.logger }), (_req, res) => res.json({ ok: true })); // wraps the prototype's json
    app.use('/api', (_req, res, next) => {
      const json = res.json.bind(res);
      res.json = (body: unknown) => json({ data: body });
      next();
    });
    app.use('/api', accessLog({ logger: logs.logger }));
    app.get('/api/x', (_req, res) => res.json({ id: 1 }));
    running = await listen(app);
    await request(`${running.url}/api/x`);
    await request(`${running.url}/health`);
    await request(`${running.url}/api/x`);
    const lines = await pair(logs, 3);
    const bodies = withMessage(lines, HTTP_EVENTS.responseSent).map((l) => `${l.url.path} ${l.http.response.body.content}`);
    expect(bodies).toEqual(['/api/x {"id":1}', '/health {"ok":true}', '/api/x {"id":1}']);
  });

  it('captures a json defined as an accessor, and leaves the shared json its name and arity', async () => {
    const logs = makeLogs();
    const app = express();
    const original = express.response.json;
    expect(original.name).toBe('json');
    app.use((_req, res, next) => {
      // an accessor json on the response's prototype, as a library might define it
      let current = function json(this: Response, body: unknown) {
        this.type('json');
        return this.send(JSON.stringify(body));
      } as unknown as Response['json'];
      const proto = Object.create(Object.getPrototypeOf(res));
      Object.defineProperty(proto, 'json', { get: () => current, set: (v) => (current = v), configurable: true });
      Object.setPrototypeOf(res, proto);
      next();
    });
    app.use(accessLog({ logger: logs.logger }));
    app.get('/x', (_req, res) => res.json({ id: 3 }));
    running = await listen(app);
    await request(`${running.url}/x`);
    const [outbound] = withMessage(await pair(logs), HTTP_EVENTS.responseSent);
    expect(outbound.http.response.body.content).toBe('{"id":3}');
    expect(express.response.json.name).toBe('json');
    expect(express.response.json.length).toBe(1); // Express's json(obj), also once wrapped
  });

  it('leaves headers and bodies out when told to', async () => {
    const logs = makeLogs();
    running = await listen(shop(logs, { requestHeaders: false, responseHeaders: false, requestBody: false, responseBody: false }));
    await request(`${running.url}/orders`, { method: 'POST', body: '{"items":[]}', headers: { 'content-type': 'application/json' } });
    const lines = await pair(logs);
    const [inbound] = withMessage(lines, HTTP_EVENTS.requestReceived);
    const [outbound] = withMessage(lines, HTTP_EVENTS.responseSent);
    expect(inbound.http.request.headers).toBeUndefined();
    expect(inbound.http.request.body).toEqual({ bytes: 12 });
    expect(outbound.http.response.headers).toBeUndefined();
    expect(outbound.http.response.body.content).toBeUndefined();
  });
});

describe('accessLog options', () => {
  it.each([
    [undefined],
    [{}],
    [{ logger: {} }],
    [{ logger: makeLogs().logger, skipPaths: '/health' }],
    [{ logger: makeLogs().logger, maxBodyLength: 0 }],
    [{ logger: makeLogs().logger, levels: { clientError: 'warning' } }],
    [{ logger: makeLogs().logger, requestBody: 'yes' }],
  ])('rejects %j at creation with EcsctxOptionsError', (options) => {
    expect(() => accessLog(options as never)).toThrow(EcsctxOptionsError);
  });
});
