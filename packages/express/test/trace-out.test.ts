import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { runWithLoggingContext, traceFromHeaders, newSpanId } from '@ecsctx/core';
import {
  accessLog,
  createTracedFetch,
  errorLogger,
  expressContext,
  HTTP_EVENTS,
  instrumentFetch,
  traceHeaders,
  withOutboundTrace,
} from '@ecsctx/express';
import { startCallee, type Callee, type Seen } from './support/callee';
import { EXPRESS_VERSIONS } from './support/express-versions';
import { listen, request, type Running } from './support/http';
import { collectDiagnostics, HEX16, makeLogs, withMessage, type Logs } from './support/logs';
import { expectOutcome, PARENT_ID, tp, TRACE_ID, W3C_CASES } from './support/w3c-cases';

/** The callee: records the trace headers of every request it gets, as they arrived. */
let harness: Callee;
beforeAll(async () => {
  harness = await startCallee();
});
afterAll(() => harness.close());

collectDiagnostics();
let running: Running | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
  harness.seen.length = 0;
});

/** One outbound call the test service makes: to `url`, sending `arguments` (more calls, for a chain). */
interface Call {
  url: string;
  arguments?: Call[];
}

describe.each(EXPRESS_VERSIONS)('trace out with %s', (_name, express) => {
  /**
   * The test service of the W3C Trace Context test suite's shape: it accepts a list of
   * outbound calls, makes them with the traced fetch, and answers when all are done
   * (fixtures/otel-service.cjs serves the same `/test` with the OpenTelemetry SDK).
   */
  async function startService(logs: Logs): Promise<Running> {
    const tracedFetch = createTracedFetch({ logger: logs.logger });
    const app = express();
    app.use(express.json());
    app.use(expressContext());
    app.use(accessLog({ logger: logs.logger, responseBody: false, requestBody: false }));
    app.post('/test', async (req, res, next) => {
      try {
        const calls = req.body as Call[];
        for (const call of calls) {
          const reply = await tracedFetch(call.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(call.arguments ?? []) });
          await reply.arrayBuffer();
        }
        res.json({ done: calls.length });
      } catch (error) {
        next(error);
      }
    });
    app.use(errorLogger({ logger: logs.logger }));
    return listen(app);
  }

  /** Sends one inbound request with these trace headers (arrays are repeated header lines) and these calls. */
  async function drive(headers: http.OutgoingHttpHeaders, calls: Call[] = [{ url: `${harness.url}/a` }]): Promise<Seen[]> {
    const reply = await request(`${running!.url}/test`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(calls),
    });
    expect(reply.status).toBe(200);
    return harness.seen.slice();
  }

  it('continues the trace with a new parent-id per call, and logs each call under the parent-id it sent', async () => {
    const logs = makeLogs();
    running = await startService(logs);
    const seen = await drive({ traceparent: tp('01'), tracestate: 'congo=t61rcWkgMzE,rojo=00f067aa0ba902b7' }, [
      { url: `${harness.url}/a` },
      { url: `${harness.url}/b` },
    ]);
    expect(seen).toHaveLength(2);
    const parents = seen.map((s) => {
      expect(s.traceparent).toHaveLength(1);
      const [version, traceId, parentId, flags] = s.traceparent[0].split('-');
      expect([version, traceId, flags]).toEqual(['00', TRACE_ID, '01']);
      expect(parentId).toMatch(HEX16);
      return parentId;
    });
    expect(new Set([...parents, PARENT_ID]).size).toBe(3);
    expect(seen.map((s) => s.tracestate)).toEqual([['congo=t61rcWkgMzE,rojo=00f067aa0ba902b7'], ['congo=t61rcWkgMzE,rojo=00f067aa0ba902b7']]);

    const lines = await logs.until((l) => withMessage(l, HTTP_EVENTS.responseSent).length === 1);
    const calls = withMessage(lines, HTTP_EVENTS.clientRequestCompleted);
    expect(calls.map((c) => c.span.id)).toEqual(parents);
    expect(calls.map((c) => c.url.full)).toEqual([`${harness.url}/a`, `${harness.url}/b`]);
    expect(calls.every((c) => c.trace.id === TRACE_ID && c.http.response.status_code === 200 && c.event.outcome === 'success')).toBe(true);
    const [inbound] = withMessage(lines, HTTP_EVENTS.requestReceived);
    expect(parents).not.toContain(inbound.span.id);
  });

  it('links a chain of calls: the callee continues the trace under the caller span that called it', async () => {
    const logs = makeLogs();
    running = await startService(logs);
    const seen = await drive({ traceparent: tp() }, [{ url: `${running.url}/test`, arguments: [{ url: `${harness.url}/leaf` }] }]);
    const lines = await logs.until((l) => withMessage(l, HTTP_EVENTS.responseSent).length === 2);
    const [outer, inner] = withMessage(lines, HTTP_EVENTS.requestReceived);
    const [innerCall, outerCall] = withMessage(lines, HTTP_EVENTS.clientRequestCompleted);
    expect(new Set(lines.map((l) => l.trace.id))).toEqual(new Set([TRACE_ID]));
    // the outer request's call to /test is the inner request's parent
    expect(inner.http.request.headers.traceparent).toBe(`00-${TRACE_ID}-${outerCall.span.id}-01`);
    expect(seen[0].traceparent).toEqual([`00-${TRACE_ID}-${innerCall.span.id}-01`]);
    expect(new Set([outer.span.id, inner.span.id, outerCall.span.id, innerCall.span.id]).size).toBe(4);
  });

  it.each(W3C_CASES.map((c) => [c.rule, c] as const))('%s', async (_rule, c) => {
    running = await startService(makeLogs());
    const seen = await drive(c.headers);
    expect(seen).toHaveLength(1);
    expectOutcome(seen[0], c.ecsctx);
  });
});

describe('traced fetch', () => {
  it('sends no trace headers where propagate says no, and keeps a traceparent the caller set', async () => {
    const logs = makeLogs();
    const fetchTraced = createTracedFetch({ logger: logs.logger, propagate: (url) => url.pathname !== '/third-party' });
    const own = `00-${'1'.repeat(32)}-${'2'.repeat(16)}-01`;
    await runWithLoggingContext(
      async () => {
        await (await fetchTraced(`${harness.url}/third-party`)).text();
        await (await fetchTraced(`${harness.url}/own`, { headers: { traceparent: own } })).text();
        await (await fetchTraced(new Request(`${harness.url}/request-object`, { headers: { 'x-a': '1' } }))).text();
      },
      { trace: traceFromHeaders({ traceparent: `00-${TRACE_ID}-${PARENT_ID}-01` }), context: { spanId: newSpanId() } },
    );
    expect(harness.seen.map((s) => s.traceparent)).toEqual([[], [own], [expect.stringMatching(new RegExp(`^00-${TRACE_ID}-`))]]);
    const lines = await logs.until((l) => l.length === 3);
    expect(lines[1].span.id).toBe('2'.repeat(16));
    expect(lines[2].span.id).toBe(harness.seen[2].traceparent[0].split('-')[2]);
  });

  it('is the plain fetch outside a traced scope', async () => {
    const fetchTraced = createTracedFetch();
    await (await fetchTraced(`${harness.url}/outside`)).text();
    expect(harness.seen).toEqual([{ path: '/outside', traceparent: [], tracestate: [] }]);
    expect(traceHeaders()).toEqual({});
  });

  it('logs a failed call and rethrows its error', async () => {
    const logs = makeLogs();
    const fetchTraced = createTracedFetch({ logger: logs.logger });
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const trace = traceFromHeaders({ traceparent: `00-${TRACE_ID}-${PARENT_ID}-01` });
    await expect(runWithLoggingContext(() => fetchTraced(`http://127.0.0.1:${port}/gone`), { trace })).rejects.toThrow(TypeError);
    const [line] = await logs.until((l) => l.length === 1);
    expect(line.message).toBe(HTTP_EVENTS.clientRequestFailed);
    expect(line['log.level']).toBe('error');
    expect(line.event.outcome).toBe('failure');
    expect(line.error.type).toBe('TypeError');
    expect(line.span.id).toMatch(HEX16);
    expect(line.url.full).toBe(`http://127.0.0.1:${port}/gone`);
  });

  it('instrumentFetch patches the global fetch once and puts it back', async () => {
    const original = globalThis.fetch;
    const uninstall = instrumentFetch();
    const again = instrumentFetch();
    try {
      expect(globalThis.fetch).not.toBe(original);
      await runWithLoggingContext(() => fetch(`${harness.url}/global`).then((r) => r.text()), {
        trace: traceFromHeaders({ traceparent: `00-${TRACE_ID}-${PARENT_ID}-01` }),
      });
      expect(harness.seen[0].traceparent).toEqual([expect.stringMatching(new RegExp(`^00-${TRACE_ID}-[0-9a-f]{16}-01$`))]);
      // a traced fetch made from the instrumented global does not trace (or log) twice
      const logs = makeLogs();
      await runWithLoggingContext(() => createTracedFetch({ logger: logs.logger })(`${harness.url}/twice`).then((r) => r.text()), {
        trace: traceFromHeaders({ traceparent: `00-${TRACE_ID}-${PARENT_ID}-01` }),
      });
      expect((await logs.until((l) => l.length === 1)).length).toBe(1);
    } finally {
      again();
      uninstall();
    }
    expect(globalThis.fetch).toBe(original);
  });
});

describe('traceHeaders and withOutboundTrace', () => {
  it('give any client the headers of one call, and withOutboundTrace logs under the parent-id sent', async () => {
    const logs = makeLogs();
    const trace = traceFromHeaders({ traceparent: `00-${TRACE_ID}-${PARENT_ID}-01`, tracestate: 'congo=t61rcWkgMzE' });
    const sent = await runWithLoggingContext(
      async () => {
        const a = traceHeaders();
        const b = traceHeaders();
        expect(a.traceparent).not.toBe(b.traceparent);
        expect(a.tracestate).toBe('congo=t61rcWkgMzE');
        return withOutboundTrace(async (headers) => {
          await new Promise<void>((resolve, reject) =>
            http.get(`${harness.url}/any-client`, { headers: headers as http.OutgoingHttpHeaders }, (res) => res.resume().on('end', resolve)).on('error', reject),
          );
          logs.logger.info('gateway_called');
          return headers;
        });
      },
      { trace, context: { spanId: newSpanId() } },
    );
    expect(harness.seen[0].traceparent).toEqual([sent.traceparent]);
    const [line] = await logs.until((l) => l.length === 1);
    expect(line.span.id).toBe(sent.traceparent?.split('-')[2]);
  });
});
