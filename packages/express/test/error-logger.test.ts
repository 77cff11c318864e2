import { afterEach, describe, expect, it } from 'vitest';
import type { ErrorRequestHandler } from 'express';
import { EcsctxOptionsError } from '@ecsctx/core';
import { errorLogger, expressContext, HTTP_EVENTS } from '@ecsctx/express';
import { EXPRESS_VERSIONS } from './support/express-versions';
import { listen, request, type Running } from './support/http';
import { HEX16, makeLogs, withMessage } from './support/logs';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const TRACEPARENT = `00-${TRACE_ID}-00f067aa0ba902b7-01`;

let running: Running | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

class PaymentGatewayError extends Error {
  override name = 'PaymentGatewayError';
  code = 'GW_TIMEOUT';
}

const answer: ErrorRequestHandler = (err, _req, res, _next) => {
  res.status(typeof err?.status === 'number' ? err.status : 500).json({ handled: true });
};

describe.each(EXPRESS_VERSIONS)('errorLogger with %s', (name, express) => {
  function app(logs: ReturnType<typeof makeLogs>) {
    const app = express();
    app.use(expressContext());
    app.get('/sync', () => {
      throw new PaymentGatewayError('gateway timed out');
    });
    app.get('/next', (_req, _res, next) => {
      setTimeout(() => next(Object.assign(new Error('order 9 not found'), { status: 404 })), 1);
    });
    app.get('/string', (_req, _res, next) => next('plain string failure'));
    if (name === 'express5') {
      app.get('/async', async () => {
        await new Promise((r) => setTimeout(r, 2));
        throw new PaymentGatewayError('async gateway failure');
      });
    }
    const router = express.Router();
    router.get('/twice', () => {
      throw new Error('seen by two error loggers');
    });
    router.use(errorLogger({ logger: logs.logger }));
    app.use('/r', router);
    app.use(errorLogger({ logger: logs.logger }));
    app.use(answer);
    return app;
  }

  it('logs a thrown error once with error.*, http.* and url.path, then passes it on', async () => {
    const logs = makeLogs();
    running = await listen(app(logs));
    const reply = await request(`${running.url}/sync?x=1`, { headers: { traceparent: TRACEPARENT } });
    expect(reply.status).toBe(500);
    expect(reply.json()).toEqual({ handled: true }); // the next error handler answered
    const [line] = withMessage(await logs.until((l) => l.length === 1), HTTP_EVENTS.requestFailed);
    expect(line['log.level']).toBe('error');
    expect(line.error.type).toBe('PaymentGatewayError');
    expect(line.error.message).toBe('gateway timed out');
    expect(line.error.code).toBe('GW_TIMEOUT');
    expect(line.error.stack_trace).toContain('PaymentGatewayError: gateway timed out');
    expect(line.http).toEqual({ request: { method: 'GET' }, response: { status_code: 500 } });
    expect(line.url).toEqual({ path: '/sync' });
    expect(line.trace).toEqual({ id: TRACE_ID });
    expect(line.span.id).toMatch(HEX16);
  });

  it('takes the status from the error (err.status) and logs 4xx as warn', async () => {
    const logs = makeLogs();
    running = await listen(app(logs));
    expect((await request(`${running.url}/next`)).status).toBe(404);
    const [line] = await logs.until((l) => l.length === 1);
    expect(line['log.level']).toBe('warn');
    expect(line.http.response.status_code).toBe(404);
    expect(line.error.message).toBe('order 9 not found');
  });

  it("keeps a body parser's raw request text out of error.* (400, warn)", async () => {
    const logs = makeLogs();
    const app = express();
    app.use(expressContext());
    app.use(express.json());
    app.post('/orders', (_req, res) => res.json({}));
    app.use(errorLogger({ logger: logs.logger }));
    running = await listen(app);
    const reply = await request(`${running.url}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"customer_name": "Jane Doe", broken',
    });
    expect(reply.status).toBe(400);
    const [line] = await logs.until((l) => l.length === 1);
    expect(line['log.level']).toBe('warn');
    expect(line.error.type).toBe('SyntaxError');
    expect(line.error.status).toBe(400);
    expect(line.error.body).toBeUndefined();
    expect(logs.capture.lines.join('\n')).not.toContain('Jane Doe');
  });

  it('logs values that are not Errors', async () => {
    const logs = makeLogs();
    running = await listen(app(logs));
    await request(`${running.url}/string`);
    const [line] = await logs.until((l) => l.length === 1);
    expect(line.error).toEqual({ type: 'string', message: 'plain string failure' });
  });

  it('logs once when mounted on a router and on the app', async () => {
    const logs = makeLogs();
    running = await listen(app(logs));
    await request(`${running.url}/r/twice`);
    await request(`${running.url}/sync`); // a later line proves the first request is fully logged
    const lines = await logs.until((l) => l.length >= 2);
    expect(lines.map((l) => l.error.message)).toEqual(['seen by two error loggers', 'gateway timed out']);
  });

  it.runIf(name === 'express5')('logs errors of async handlers (Express 5), in the request scope', async () => {
    const logs = makeLogs();
    running = await listen(app(logs));
    await request(`${running.url}/async`, { headers: { traceparent: TRACEPARENT } });
    const [line] = await logs.until((l) => l.length === 1);
    expect(line.error.type).toBe('PaymentGatewayError');
    expect(line.trace).toEqual({ id: TRACE_ID });
  });
});

describe('errorLogger options', () => {
  it('rejects a missing logger at creation', () => {
    expect(() => errorLogger(undefined as never)).toThrow(EcsctxOptionsError);
    expect(() => errorLogger({} as never)).toThrow(EcsctxOptionsError);
  });
});
