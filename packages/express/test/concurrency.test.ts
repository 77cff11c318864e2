import { afterEach, describe, expect, it } from 'vitest';
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import type { NextFunction, Request, Response } from 'express';
import { getLoggingContext } from '@ecsctx/core';
import { accessLog, createTracedFetch, expressContext, HTTP_EVENTS } from '@ecsctx/express';
import { EXPRESS_VERSIONS } from './support/express-versions';
import { listen, request, type Running } from './support/http';
import { HEX16, makeLogs, withMessage } from './support/logs';

const REQUESTS = 1000;

type AuthedRequest = Request & { user?: { id: string } };

/** Auth that resolves the user asynchronously, as a session store or JWKS lookup would. */
function authenticate(req: Request, _res: Response, next: NextFunction): void {
  const user = req.headers['x-user'];
  setTimeout(() => {
    if (typeof user === 'string') (req as AuthedRequest).user = { id: user };
    next();
  }, Number(req.headers['x-delay']) % 3);
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

let servers: Running[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

describe.each(EXPRESS_VERSIONS)('isolation under concurrency with %s', (_name, express) => {
  it(`keeps ${REQUESTS} requests in flight together apart: every line carries its own trace, span and user`, async () => {
    const logs = makeLogs();
    // a downstream service, so some requests make real outbound I/O
    const downstream = await listen((req, res) => {
      req.resume().on('end', () => res.end(JSON.stringify({ traceparent: req.headers.traceparent })));
    });
    servers.push(downstream);
    const tracedFetch = createTracedFetch({ logger: logs.logger });

    // every handler waits here until all requests have arrived: they are provably in flight together
    let arrived = 0;
    let release!: () => void;
    const allArrived = new Promise<void>((resolve) => (release = resolve));
    const guard = setTimeout(() => release(), 15_000);

    const app = express();
    app.use(authenticate);
    app.use(expressContext({ getUserId: (req) => (req as AuthedRequest).user?.id }));
    app.use(accessLog({ logger: logs.logger, requestHeaders: false, responseHeaders: false }));
    app.get('/work/:n', async (req, res, next) => {
      try {
        const n = Number(req.params.n);
        logs.logger.info('work_started');
        if (++arrived === REQUESTS) release();
        await allArrived;
        if (n % 3 === 0) {
          await readFile(__filename); // file I/O
        } else if (n % 3 === 1) {
          await (await tracedFetch(`${downstream.url}/rates/${n}`)).text(); // socket I/O
        } else {
          await new Promise((r) => setTimeout(r, n % 7)); // timers
        }
        logs.logger.info('work_done');
        res.json({ spanId: getLoggingContext()?.spanId, inFlightTogether: arrived });
      } catch (error) {
        next(error);
      }
    });
    const service = await listen(app, 2048);
    servers.push(service);

    const agent = new http.Agent({ keepAlive: false, maxSockets: REQUESTS + 10 });
    const replies = await Promise.all(
      Array.from({ length: REQUESTS }, (_, n) =>
        request(`${service.url}/work/${n}`, {
          agent,
          headers: { traceparent: `00-${hex(n + 1, 32)}-${hex(n + 1, 16)}-01`, 'x-user': `user-${n}`, 'x-delay': String(n) },
        }),
      ),
    );
    clearTimeout(guard);
    agent.destroy();

    expect(replies.every((r) => r.status === 200)).toBe(true);
    expect(replies[0].json().inFlightTogether).toBe(REQUESTS);

    const lines = await logs.until((l) => withMessage(l, HTTP_EVENTS.responseSent).length === REQUESTS, 15_000);
    const byTrace = new Map<string, Record<string, any>[]>();
    for (const line of lines) {
      const list = byTrace.get(line.trace?.id) ?? [];
      list.push(line);
      byTrace.set(line.trace?.id, list);
    }
    expect(byTrace.size).toBe(REQUESTS);
    const outboundCalls = Math.ceil((REQUESTS - 1) / 3);
    expect(lines.length).toBe(REQUESTS * 4 + outboundCalls);
    for (let n = 0; n < REQUESTS; n++) {
      const own = byTrace.get(hex(n + 1, 32)) ?? [];
      const spanId = replies[n].json().spanId;
      expect(spanId).toMatch(HEX16);
      expect(own.map((l) => l.message)).toEqual(
        expect.arrayContaining([HTTP_EVENTS.requestReceived, 'work_started', 'work_done', HTTP_EVENTS.responseSent]),
      );
      for (const line of own) {
        expect(line.user).toEqual({ id: `user-${n}` });
        if (line.message === HTTP_EVENTS.clientRequestCompleted) {
          expect(line.span.id).not.toBe(spanId);
          expect(line.url.full).toBe(`${downstream.url}/rates/${n}`);
        } else {
          expect(line.span.id).toBe(spanId);
        }
      }
    }
  });
});
