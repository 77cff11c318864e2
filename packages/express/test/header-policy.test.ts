/**
 * The access log's header policy (issue 11, point 5): all headers but the ignored, an
 * allowlist, or none; credentials and cookies masked in every mode. Real Express servers,
 * real requests, lines written by a real `createEcsLogger()` (each line ECS-checked).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { EcsctxOptionsError } from '@ecsctx/core';
import { accessLog, expressContext, HTTP_EVENTS, type AccessLogOptions } from '@ecsctx/express';
import { EXPRESS_VERSIONS } from './support/express-versions';
import { listen, request, type Running } from './support/http';
import { collectDiagnostics, makeLogs, withMessage, type Logs } from './support/logs';

collectDiagnostics();
let running: Running | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

/** Secrets the client and the server send: none may appear in clear in any line. */
const SECRETS = {
  bearer: 'eyJhbGciOiJIUzI1NiJ9.payload.signature',
  proxy: 'cHJveHktdXNlcjpwcm94eS1wYXNzd29yZA==',
  session: 's3ss10n-v4lue',
  csrf: 'csrf-t0ken-v4lue',
  refresh: 'r3fr3sh-v4lue',
  apiKey: 'k3y-0f-the-api-0123456789',
};

const REQUEST_HEADERS = {
  'content-type': 'application/json',
  authorization: `Bearer ${SECRETS.bearer}`,
  'proxy-authorization': `Basic ${SECRETS.proxy}`,
  cookie: `sid=${SECRETS.session}; csrf=${SECRETS.csrf}`,
  'x-api-key': SECRETS.apiKey,
  'x-request-id': 'req-42',
  'x-internal-note': 'not for the logs',
};

const pair = (logs: Logs) => logs.until((l) => withMessage(l, HTTP_EVENTS.responseSent).length === 1);

describe.each(EXPRESS_VERSIONS)('access-log header policy with %s', (_name, express) => {
  async function serve(logs: Logs, options: Partial<AccessLogOptions>): Promise<{ inbound: Record<string, any>; outbound: Record<string, any> }> {
    const app = express();
    app.use(expressContext());
    app.use(accessLog({ logger: logs.logger, ...options }));
    app.get('/login', (_req, res) => {
      res.cookie('sid', SECRETS.session, { httpOnly: true, path: '/' });
      res.cookie('refresh', SECRETS.refresh, { httpOnly: true, path: '/auth' });
      res.set('X-Served-By', 'api-3');
      res.set('X-Debug-Token', 'dbg-1');
      res.json({ ok: true });
    });
    running = await listen(app);
    const reply = await request(`${running.url}/login`, { headers: REQUEST_HEADERS });
    expect(reply.status).toBe(200);
    const lines = await pair(logs);
    return { inbound: withMessage(lines, HTTP_EVENTS.requestReceived)[0], outbound: withMessage(lines, HTTP_EVENTS.responseSent)[0] };
  }

  it('logs only the listed request and response headers, whatever case the list uses', async () => {
    const logs = makeLogs();
    const { inbound, outbound } = await serve(logs, { requestHeaders: ['X-Request-Id', 'content-type'], responseHeaders: ['content-type', 'X-SERVED-BY'] });
    expect(inbound.http.request.headers).toEqual({ 'x-request-id': 'req-42', 'content-type': 'application/json' });
    expect(Object.keys(outbound.http.response.headers)).toEqual(['content-type', 'x-served-by']);
    expect(outbound.http.response.headers['x-served-by']).toBe('api-3');
    expect(logs.capture.lines.join('\n')).not.toContain('not for the logs');
    expect(logs.capture.lines.join('\n')).not.toContain('dbg-1');
  });

  it.each([
    ['every header (the default)', {}],
    ['an allowlist that names them', { requestHeaders: ['Authorization', 'PROXY-AUTHORIZATION', 'cookie', 'x-api-key'], responseHeaders: ['Set-Cookie'] }],
    ['an allowlist with other headers too', { requestHeaders: ['cookie', 'authorization', 'proxy-authorization', 'x-request-id'], responseHeaders: ['set-cookie', 'content-type'] }],
  ])('masks Authorization, Proxy-Authorization, Cookie and Set-Cookie when logging %s', async (_mode, options) => {
    const logs = makeLogs();
    const { inbound, outbound } = await serve(logs, options as Partial<AccessLogOptions>);
    const request = inbound.http.request.headers;
    expect(request.authorization).toBe('Bearer eyJh****ture');
    expect(request['proxy-authorization']).toBe('Basic ****');
    expect(request.cookie).toBe('sid=****; csrf=****');
    if ('x-api-key' in request) expect(request['x-api-key']).toBe('k3y-****6789');
    expect(outbound.http.response.headers['set-cookie']).toEqual(['sid=****; Path=/; HttpOnly', 'refresh=****; Path=/auth; HttpOnly']);
    const text = logs.capture.lines.join('\n');
    for (const secret of Object.values(SECRETS)) expect(text).not.toContain(secret);
  });

  it('leaves the header field out when none of the listed headers came', async () => {
    const logs = makeLogs();
    // `constructor` is an inherited property of a plain headers object: never picked up
    const { inbound, outbound } = await serve(logs, { requestHeaders: ['x-absent', 'constructor'], responseHeaders: [] });
    expect(inbound.http.request.headers).toBeUndefined();
    expect(outbound.http.response.headers).toBeUndefined();
    expect(inbound.http.request.method).toBe('GET');
  });

  it('leaves ignored headers out of both fields when logging every header', async () => {
    const logs = makeLogs();
    const { inbound, outbound } = await serve(logs, { ignoreHeaders: ['X-Internal-Note', 'x-debug-token'] });
    expect(inbound.http.request.headers['x-internal-note']).toBeUndefined();
    expect(inbound.http.request.headers['x-request-id']).toBe('req-42');
    expect(outbound.http.response.headers['x-debug-token']).toBeUndefined();
    expect(outbound.http.response.headers['x-served-by']).toBe('api-3');
  });

  it('mixes the modes: an allowlist for requests, none for responses', async () => {
    const logs = makeLogs();
    const { inbound, outbound } = await serve(logs, { requestHeaders: ['x-request-id'], responseHeaders: false });
    expect(inbound.http.request.headers).toEqual({ 'x-request-id': 'req-42' });
    expect(outbound.http.response.headers).toBeUndefined();
  });
});

describe('access-log header policy options', () => {
  const logger = makeLogs().logger;
  it.each([
    ['a string instead of a list', { requestHeaders: 'x-request-id' }],
    ['a list with a non-string', { responseHeaders: ['content-type', 42] }],
    ['a list with an invalid header name', { requestHeaders: ['x request id'] }],
    ['a list with an empty name', { requestHeaders: [''] }],
    ['a name both listed and ignored', { requestHeaders: ['X-Request-Id'], ignoreHeaders: ['x-request-id'] }],
  ])('rejects %s at creation with EcsctxOptionsError', (_case, options) => {
    expect(() => accessLog({ logger, ...(options as object) } as AccessLogOptions)).toThrow(EcsctxOptionsError);
  });
});
