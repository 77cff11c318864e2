import { afterEach, describe, expect, it } from 'vitest';
import type { NextFunction, Request, Response } from 'express';
import { bindLoggingContext, EcsctxOptionsError } from '@ecsctx/core';
import {
  bindUser,
  expressContext,
  NO_CONTEXT_DIAGNOSTIC,
  ORDER_DIAGNOSTIC,
  ORDER_MESSAGE,
  USER_ID_DIAGNOSTIC,
  type GetUserId,
} from '@ecsctx/express';
import { EXPRESS_VERSIONS } from './support/express-versions';
import { listen, request, type Running } from './support/http';
import { collectDiagnostics, makeLogs } from './support/logs';

type AuthedRequest = Request & { user?: { id: number } };

/** A stand-in for Passport/JWT auth: reads `x-user`, resolves it asynchronously, sets req.user. */
function authenticate(req: Request, _res: Response, next: NextFunction): void {
  const header = req.headers['x-user'];
  setTimeout(() => {
    if (typeof header === 'string') (req as AuthedRequest).user = { id: Number(header) };
    next();
  }, 1);
}

const getUserId: GetUserId = (req) => (req as AuthedRequest).user?.id;

const diagnostics = collectDiagnostics();
let running: Running | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

describe.each(EXPRESS_VERSIONS)('user.id binding with %s', (_name, express) => {
  function route(app: ReturnType<typeof express>, logs: ReturnType<typeof makeLogs>): void {
    app.get('/me', async (_req, res) => {
      logs.logger.info('profile_requested');
      await new Promise((r) => setTimeout(r, 2));
      logs.logger.info('profile_loaded');
      res.json({ ok: true });
    });
  }

  it('binds user.id on every line when the middleware comes after authentication', async () => {
    const logs = makeLogs();
    const app = express();
    app.use(authenticate);
    app.use(expressContext({ getUserId }));
    route(app, logs);
    running = await listen(app);
    const reply = await request(`${running.url}/me`, { headers: { 'x-user': '42' } });
    expect(reply.status).toBe(200);
    const lines = await logs.until((l) => l.length === 2);
    expect(lines.map((l) => l.user)).toEqual([{ id: '42' }, { id: '42' }]);
  });

  it("runs getUserId inside the request's scope: its lines, its trace and its binds belong to the request", async () => {
    const logs = makeLogs();
    const app = express();
    app.use(authenticate);
    app.use(
      expressContext({
        getUserId: (req) => {
          logs.logger.info('auth_user_resolved');
          bindLoggingContext({ sessionId: 'sess-' + String(req.headers['x-user']) });
          return getUserId(req);
        },
      }),
    );
    route(app, logs);
    running = await listen(app);
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    await request(`${running.url}/me`, { headers: { 'x-user': '42', traceparent: `00-${traceId}-00f067aa0ba902b7-01` } });
    const lines = await logs.until((l) => l.length === 3);
    expect(lines.map((l) => l.message)).toEqual(['auth_user_resolved', 'profile_requested', 'profile_loaded']);
    for (const line of lines) expect(line.trace.id).toBe(traceId);
    expect(lines[1].session_id).toBe('sess-42');
    expect(lines[1].user).toEqual({ id: '42' });
  });

  it('logs anonymous requests without user.id and without complaint', async () => {
    const logs = makeLogs();
    const app = express();
    app.use(authenticate);
    app.use(expressContext({ getUserId }));
    route(app, logs);
    running = await listen(app);
    const reply = await request(`${running.url}/me`);
    expect(reply.status).toBe(200);
    const lines = await logs.until((l) => l.length === 2);
    expect(lines[0].user).toBeUndefined();
    expect(diagnostics).toEqual([]);
  });

  it('fails loudly in development when placed before authentication: 500 with the fix, and a diagnostic', async () => {
    const logs = makeLogs();
    const app = express();
    app.use(expressContext({ getUserId, env: { NODE_ENV: 'development' } }));
    app.use(authenticate);
    route(app, logs);
    running = await listen(app);
    const reply = await request(`${running.url}/me`, { headers: { 'x-user': '42' } });
    expect(reply.status).toBe(500);
    expect(reply.text).toBe(ORDER_MESSAGE + '\n');
    expect(reply.headers['content-type']).toMatch(/^text\/plain/);
    expect(diagnostics.map((d) => d.code)).toEqual([ORDER_DIAGNOSTIC]);
    // anonymous requests cannot tell the order, so they pass
    expect((await request(`${running.url}/me`)).status).toBe(200);
  });

  it("only reports the wrong order with orderCheck: 'warn'", async () => {
    const logs = makeLogs();
    const app = express();
    app.use(expressContext({ getUserId, orderCheck: 'warn' }));
    app.use(authenticate);
    route(app, logs);
    running = await listen(app);
    const reply = await request(`${running.url}/me`, { headers: { 'x-user': '42' } });
    expect(reply.status).toBe(200);
    expect(diagnostics.map((d) => d.code)).toEqual([ORDER_DIAGNOSTIC]);
  });

  it('does not check in production (NODE_ENV=production)', async () => {
    const logs = makeLogs();
    const app = express();
    app.use(expressContext({ getUserId, env: { NODE_ENV: 'production' } }));
    app.use(authenticate);
    route(app, logs);
    running = await listen(app);
    const reply = await request(`${running.url}/me`, { headers: { 'x-user': '42' } });
    expect(reply.status).toBe(200);
    expect(diagnostics).toEqual([]);
  });

  it('binds the user after route-level authentication with bindUser, with the scope opened first', async () => {
    const logs = makeLogs();
    const app = express();
    app.use(expressContext({ getUserId })); // app level: nobody is authenticated yet
    app.get('/me', authenticate, bindUser(getUserId), (_req, res) => {
      logs.logger.info('profile_requested');
      res.json({ ok: true });
    });
    app.get('/public', (_req, res) => {
      logs.logger.info('public_page');
      res.json({ ok: true });
    });
    running = await listen(app);
    expect((await request(`${running.url}/me`, { headers: { 'x-user': '7' } })).status).toBe(200);
    expect((await request(`${running.url}/public`, { headers: { 'x-user': '7' } })).status).toBe(200);
    const lines = await logs.until((l) => l.length === 2);
    expect(lines[0].user).toEqual({ id: '7' });
    expect(lines[1].user).toBeUndefined();
    expect(diagnostics).toEqual([]);
  });

  it('accepts a handler that logs the user in and binds user.id itself', async () => {
    const logs = makeLogs();
    const app = express();
    app.use(expressContext({ getUserId }));
    app.post('/login', (req, res) => {
      (req as AuthedRequest).user = { id: 9 };
      bindLoggingContext({ userId: 9 });
      logs.logger.info('user_logged_in');
      res.json({ ok: true });
    });
    running = await listen(app);
    expect((await request(`${running.url}/login`, { method: 'POST' })).status).toBe(200);
    const lines = await logs.until((l) => l.length === 1);
    expect(lines[0].user).toEqual({ id: '9' });
  });

  it('keeps serving when getUserId throws or returns a non-id, and says so once', async () => {
    const logs = makeLogs();
    const app = express();
    app.use(authenticate);
    app.use(
      expressContext({
        getUserId: (req) => {
          if (req.headers['x-user'] === '1') throw new Error('no session store');
          return { id: 2 } as never;
        },
      }),
    );
    route(app, logs);
    running = await listen(app);
    expect((await request(`${running.url}/me`, { headers: { 'x-user': '1' } })).status).toBe(200);
    expect((await request(`${running.url}/me`, { headers: { 'x-user': '2' } })).status).toBe(200);
    expect(diagnostics.map((d) => d.code)).toEqual([USER_ID_DIAGNOSTIC, USER_ID_DIAGNOSTIC]);
  });

  it('reports bindUser used without expressContext', async () => {
    const app = express();
    app.use(authenticate);
    app.use(bindUser(getUserId));
    app.get('/me', (_req, res) => res.json({ ok: true }));
    running = await listen(app);
    expect((await request(`${running.url}/me`, { headers: { 'x-user': '1' } })).status).toBe(200);
    expect(diagnostics.map((d) => d.code)).toEqual([NO_CONTEXT_DIAGNOSTIC]);
  });
});

describe('bindUser options', () => {
  it('rejects a missing getUserId and an unknown orderCheck at creation', () => {
    expect(() => bindUser(undefined as never)).toThrow(EcsctxOptionsError);
    expect(() => bindUser(getUserId, { orderCheck: 'sometimes' as never })).toThrow(EcsctxOptionsError);
  });
});
