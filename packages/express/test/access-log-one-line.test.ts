/**
 * `accessLog({ lines: 'one' })`: one line per request, written when the response has been
 * sent, with the fields of the INBOUND and the OUTBOUND line; one `http_request_aborted` line
 * with the request's fields when the client goes away first. Real Express servers, a real
 * preset logger; every captured line is ECS-checked after each test (ecs-setup).
 */
import { afterEach, describe, expect, it } from 'vitest';
import http from 'node:http';
import { EcsctxOptionsError } from '@ecsctx/core';
import { checkLogText } from '@ecsctx/core/check';
import { PII_REDACTED } from '@ecsctx/core/fields';
import { accessLog, HTTP_EVENTS, type AccessLogOptions } from '@ecsctx/express';
import { EXPRESS_VERSIONS } from './support/express-versions';
import { listen, request, type Running } from './support/http';
import { collectDiagnostics, HEX16, makeLogs, withMessage, type Logs } from './support/logs';
import { ORDER_SECRETS, ORDER_TRACE_ID, postOrderWithSecrets, shopApp, visitSkippedThenLogged } from './support/shop';

collectDiagnostics();
let running: Running | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

/** The access-log lines (completed or aborted), once `n` of them came, and after a pause in which no other could. */
async function accessLines(logs: Logs, n = 1): Promise<Record<string, any>[]> {
  const isAccess = (l: Record<string, any>) => l.message === HTTP_EVENTS.requestCompleted || l.message === HTTP_EVENTS.requestAborted;
  await logs.until((lines) => lines.filter(isAccess).length >= n);
  await new Promise((r) => setTimeout(r, 30));
  return logs.records();
}

describe.each(EXPRESS_VERSIONS)("accessLog({ lines: 'one' }) with %s", (_name, express) => {
  const shop = (logs: Logs, options: Partial<AccessLogOptions> = {}) => shopApp(express, logs, { lines: 'one', ...options });

  it('writes exactly one line per request, with the request and the response fields, masked', async () => {
    const logs = makeLogs();
    running = await listen(shop(logs));
    const { reply, body } = await postOrderWithSecrets(running.url);
    expect(reply.status).toBe(201);
    const lines = await accessLines(logs);
    expect(lines.map((l) => l.message)).toEqual([HTTP_EVENTS.requestCompleted]);
    const [line] = lines;

    expect(line['log.level']).toBe('info');
    // the request's fields (the INBOUND line's)
    expect(line.http.version).toBe('1.1');
    expect(line.http.request.method).toBe('POST');
    expect(line.http.request.mime_type).toBe('application/json');
    expect(line.http.request.headers['user-agent']).toBe('shop-client/1.0');
    expect(line.http.request.headers.authorization).toBe('Bearer abcd****wxyz');
    expect(line.http.request.headers.cookie).toBe('sid=****');
    expect(line.http.request.headers['x-api-key']).not.toContain('APIKEYHEADER');
    expect(line.http.request.body.bytes).toBe(Buffer.byteLength(body));
    expect(JSON.parse(line.http.request.body.content)).toEqual({
      items: [{ sku: 'A1', qty: 2 }],
      customer: { name: PII_REDACTED, email: PII_REDACTED },
      password: '[REDACTED]',
    });
    expect(line.url).toEqual({ path: '/orders', query: `ref=abc&email=${PII_REDACTED}&access_token=****&customer_name=${PII_REDACTED}` });
    expect(line.user_agent).toEqual({ original: 'shop-client/1.0' });
    expect(line.client).toEqual({ ip: '127.0.0.1' });
    expect(line.user).toEqual({ id: '42' });
    expect(line.trace).toEqual({ id: ORDER_TRACE_ID });
    expect(line.span.id).toMatch(HEX16);
    // the response's fields (the OUTBOUND line's)
    expect(line.http.response.status_code).toBe(201);
    expect(line.http.response.headers['content-type']).toMatch(/^application\/json/);
    expect(line.http.response.headers['set-cookie']).not.toContain('SESSIONCOOKIE123');
    expect(JSON.parse(line.http.response.body.content)).toEqual({ id: 'ord-1', customer_name: PII_REDACTED, access_token: '[REDACTED]', items: [{ sku: 'A1', qty: 2 }] });
    expect(line.http.response.body.bytes).toBe(Buffer.byteLength(reply.text));
    expect(line.event.duration).toBeGreaterThanOrEqual(15_000_000); // the handler waited 20 ms: nanoseconds
    expect(line.event.outcome).toBe('success');
    expect(line.error).toBeUndefined();

    const text = logs.capture.lines.join('\n');
    for (const secret of ORDER_SECRETS) expect(text, secret).not.toContain(secret);
    expect(checkLogText(text).findings.filter((f) => f.check === 'secret')).toEqual([]);
  });

  it('sets the level by status: info 2xx, warn 4xx, error 5xx with error.type and outcome failure', async () => {
    const logs = makeLogs();
    running = await listen(shop(logs));
    expect((await request(`${running.url}/orders`, { method: 'POST', body: '{"items":[]}', headers: { 'content-type': 'application/json' } })).status).toBe(201);
    expect((await request(`${running.url}/orders/9?x=1`)).status).toBe(404);
    expect((await request(`${running.url}/status-500`)).status).toBe(503);
    expect((await request(`${running.url}/crash`)).status).toBe(500);
    const lines = withMessage(await accessLines(logs, 4), HTTP_EVENTS.requestCompleted);
    expect(lines.map((l) => [l.url.path, l['log.level'], l.http.response.status_code, l.event.outcome, l.error?.type])).toEqual([
      ['/orders', 'info', 201, 'success', undefined],
      ['/orders/9', 'warn', 404, 'success', undefined],
      ['/status-500', 'error', 503, 'failure', 'ServiceUnavailableError'],
      ['/crash', 'error', 500, 'failure', 'Error'],
    ]);
    // every one carries the request's fields too
    expect(lines.every((l) => l.http.version === '1.1' && typeof l.http.request.method === 'string' && l.http.request.headers.host !== undefined)).toBe(true);
    expect(lines[1].url.query).toBe('x=1');
    expect(withMessage(logs.records(), HTTP_EVENTS.requestReceived)).toEqual([]);
    expect(withMessage(logs.records(), HTTP_EVENTS.responseSent)).toEqual([]);
  });

  it('writes one http_request_aborted line with the request fields when the client goes away first', async () => {
    const logs = makeLogs();
    running = await listen(shop(logs));
    await new Promise<void>((resolve) => {
      const req = http.get(`${running!.url}/slow?page=2`, { headers: { 'user-agent': 'impatient/1.0', 'x-user': '7' } });
      req.on('error', () => resolve());
      setTimeout(() => req.destroy(), 30);
    });
    const lines = await accessLines(logs);
    await new Promise((r) => setTimeout(r, 250)); // the handler answers the closed response now: no second line
    expect(logs.records().map((l) => l.message)).toEqual([HTTP_EVENTS.requestAborted]);
    const [aborted] = lines;
    expect(aborted['log.level']).toBe('warn');
    expect(aborted.http.version).toBe('1.1');
    expect(aborted.http.request.method).toBe('GET');
    expect(aborted.http.request.headers['user-agent']).toBe('impatient/1.0');
    expect(aborted.url).toEqual({ path: '/slow', query: 'page=2' });
    expect(aborted.user_agent).toEqual({ original: 'impatient/1.0' });
    expect(aborted.user).toEqual({ id: '7' });
    expect(aborted.http.response.status_code).toBe(200);
    expect(aborted.event.outcome).toBe('failure');
    expect(aborted.error).toEqual({ type: 'RequestAborted', message: 'the connection closed before the response was sent' });
  });

  it('still skips skipPaths and skipMethods', async () => {
    const logs = makeLogs();
    running = await listen(shop(logs));
    await visitSkippedThenLogged(running.url);
    const lines = await accessLines(logs);
    expect(lines.map((l) => `${l.message} ${l.http.request.method} ${l.url.path}`)).toEqual([`${HTTP_EVENTS.requestCompleted} GET /orders/1`]);
  });

  it('logs the body a parser mounted after accessLog parsed (read when the response is sent), which the two-line INBOUND line cannot', async () => {
    const logs = makeLogs();
    const app = express();
    app.use('/one', accessLog({ logger: logs.logger, lines: 'one' }));
    app.use('/two', accessLog({ logger: logs.logger }));
    app.use(express.json());
    app.post(['/one', '/two'], (req, res) => res.json({ got: req.body.sku }));
    running = await listen(app);
    for (const path of ['/one', '/two']) {
      await request(`${running.url}${path}`, { method: 'POST', body: '{"sku":"A1"}', headers: { 'content-type': 'application/json' } });
    }
    const lines = await logs.until((l) => withMessage(l, HTTP_EVENTS.responseSent).length === 1);
    const [completed] = withMessage(lines, HTTP_EVENTS.requestCompleted);
    const [inbound] = withMessage(lines, HTTP_EVENTS.requestReceived);
    expect(completed.http.request.body).toEqual({ bytes: 12, content: '{"sku":"A1"}' });
    expect(completed.client).toEqual({ ip: '127.0.0.1' }); // no expressContext: as Express resolved it
    expect(inbound.http.request.body).toEqual({ bytes: 12 });
  });

  it('leaves headers and bodies out when told to', async () => {
    const logs = makeLogs();
    running = await listen(shop(logs, { requestHeaders: false, responseHeaders: false, requestBody: false, responseBody: false }));
    await request(`${running.url}/orders`, { method: 'POST', body: '{"items":[]}', headers: { 'content-type': 'application/json' } });
    const [line] = await accessLines(logs);
    expect(line.http.request.headers).toBeUndefined();
    expect(line.http.request.body).toEqual({ bytes: 12 });
    expect(line.http.response.headers).toBeUndefined();
    expect(line.http.response.body.content).toBeUndefined();
  });
});

describe('accessLog lines option', () => {
  it.each([['two'], ['One'], ['both'], [true], [1], [null]])('rejects lines: %j at creation with EcsctxOptionsError', (lines) => {
    const create = () => accessLog({ logger: makeLogs().logger, lines: lines as never });
    expect(create).toThrow(EcsctxOptionsError);
    expect(create).toThrow(/lines must be one of 'request-and-response', 'one'/);
  });

  it("'request-and-response' is the default: the two lines", async () => {
    const express = EXPRESS_VERSIONS[0][1];
    const messages: string[][] = [];
    for (const lines of [undefined, 'request-and-response'] as const) {
      const logs = makeLogs();
      const app = express();
      app.use(accessLog({ logger: logs.logger, lines }));
      app.get('/x', (_req, res) => res.json({}));
      running = await listen(app);
      await request(`${running.url}/x`);
      await logs.until((l) => withMessage(l, HTTP_EVENTS.responseSent).length === 1);
      messages.push(logs.records().map((l) => l.message));
      await running.close();
      running = undefined;
    }
    expect(messages).toEqual([
      [HTTP_EVENTS.requestReceived, HTTP_EVENTS.responseSent],
      [HTTP_EVENTS.requestReceived, HTTP_EVENTS.responseSent],
    ]);
  });
});
