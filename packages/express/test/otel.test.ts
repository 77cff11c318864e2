/**
 * The Express package with the real OpenTelemetry Node SDK (in-memory exporter) and the real
 * http, express and undici instrumentations, in plain node processes (fixtures/otel-service.cjs):
 * one trace, the ids on the lines are the exported spans' ids, one traceparent per request,
 * and the W3C Trace Context rules of the test service (trace-out.test.ts runs them without
 * the SDK).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTraceId } from '@ecsctx/core/trace';
import { HTTP_EVENTS } from '@ecsctx/express';
import { checkEcsLines } from '../../core/test/support/ecs-check';
import { startCallee, type Callee } from './support/callee';
import { request } from './support/http';
import { HEX16, withMessage } from './support/logs';
import { CLIENT, ensureBuilt, SERVER, startOtelService, type OtelService, type SpanRecord } from './support/otel-service';
import { expectOutcome, tp, W3C_CASES } from './support/w3c-cases';

let callee: Callee;
beforeAll(async () => {
  ensureBuilt();
  callee = await startCallee();
}, 120_000);
afterAll(() => callee.close());

const PARENT = 'b7ad6b7169203331';
let seq = 0;
/** A callee path no other test uses. */
const calleePath = (name: string): string => `/${name}-${++seq}`;

interface Driven {
  status: number;
  headers: Record<string, unknown>;
  body: any;
  traceId: string;
}

/** POSTs a list of calls to the service's /test route (the W3C test service). */
async function driveTest(service: OtelService, headers: Record<string, string | string[]>, calls: { url: string }[]): Promise<Driven> {
  const reply = await request(`${service.url}/test`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(calls) });
  const body = reply.json();
  return { status: reply.status, headers: reply.headers, body, traceId: body.active?.traceId };
}

async function get(service: OtelService, path: string, headers: Record<string, string> = {}): Promise<Driven> {
  const reply = await request(`${service.url}${path}`, { headers });
  const body = reply.json();
  return { status: reply.status, headers: reply.headers, body, traceId: body.active?.traceId };
}

/** Waits (bounded) until `ready` holds. */
async function until(ready: () => boolean): Promise<void> {
  const deadline = Date.now() + 3000;
  while (!ready() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
}

const responded = (lines: Record<string, any>[]): boolean => withMessage(lines, HTTP_EVENTS.responseSent).length === 1;
/** Ready when every line's span and the server span were exported. */
const covering =
  (lines: Record<string, any>[]) =>
  (spans: SpanRecord[]): boolean =>
    spans.some((s) => s.kind === SERVER) && lines.every((l) => spans.some((s) => s.spanId === l.span?.id));

/** Every line's trace.id and span.id are those of a span the exporter received. */
function expectExportedIds(lines: Record<string, any>[], spans: SpanRecord[]): void {
  for (const line of lines) {
    const span = spans.find((s) => s.spanId === line.span?.id);
    expect(span, `${line.message}: span.id ${line.span?.id} is an exported span`).toBeDefined();
    expect(line.trace.id).toBe(span!.traceId);
  }
}

describe.each([['express5'], ['express4']] as const)('with the OpenTelemetry SDK and %s (http, express, undici instrumentations)', (version) => {
  let service: OtelService;
  beforeAll(async () => {
    service = await startOtelService('full', version);
  }, 30_000);
  afterAll(() => service.stop());

  it("adopts the server span's trace: every line carries the ids of an exported span", async () => {
    const traceId = newTraceId();
    const url = `${callee.url}${calleePath('ids')}`;
    const driven = await driveTest(service, { traceparent: tp('01', traceId, PARENT) }, [{ url }]);
    expect(driven.status).toBe(200);
    const lines = await service.linesOf(traceId, responded);
    const spans = await service.spansOf(traceId, covering(lines));
    const server = spans.find((s) => s.kind === SERVER)!;
    expect(server.parentSpanId).toBe(PARENT);
    expect(lines.map((l) => l.message)).toEqual([HTTP_EVENTS.requestReceived, 'calls_started', HTTP_EVENTS.clientRequestCompleted, HTTP_EVENTS.responseSent]);
    expectExportedIds(lines, spans);
    // request lines: the access-log middleware's span, a child of the server span
    const [inbound, started, call, outbound] = lines;
    const accessSpan = spans.find((s) => s.spanId === inbound.span.id)!;
    expect(accessSpan.name).toBe('middleware - ecsctxAccessLog');
    expect(accessSpan.parentSpanId).toBe(server.spanId);
    expect(outbound.span.id).toBe(inbound.span.id);
    // the route's lines: the span active in the handler
    expect(started.span.id).toBe(driven.body.active.spanId);
    expect(call.span.id).toBe(driven.body.active.spanId);
    // cls-rtracer carries the same trace id
    expect(driven.body.rtracerId).toBe(traceId);
  });

  it('adopts the trace OpenTelemetry started when no traceparent arrives: rTracer.id(), X-Trace-Id and the lines agree with the spans', async () => {
    const driven = await driveTest(service, {}, []);
    const traceId = driven.traceId;
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(driven.body.rtracerId).toBe(traceId);
    expect(driven.headers['x-trace-id']).toBe(traceId);
    const lines = await service.linesOf(traceId, responded);
    expect(lines).toHaveLength(3);
    const spans = await service.spansOf(traceId, covering(lines));
    expect(spans.find((s) => s.kind === SERVER)?.parentSpanId).toBeUndefined();
    expectExportedIds(lines, spans);
  });

  it('keeps user, client ip and bound fields as without OpenTelemetry', async () => {
    const traceId = newTraceId();
    await driveTest(service, { traceparent: tp('01', traceId, PARENT), 'x-user': 'u-7', 'x-forwarded-for': '203.0.113.7' }, []);
    const lines = await service.linesOf(traceId, responded);
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      expect(line.user).toEqual({ id: 'u-7' });
      expect(line.client).toEqual({ ip: '203.0.113.7' });
      expect(line.session_id).toBe('sess-otel');
      expect(line.extra).toEqual({ tenant: 'acme' });
    }
  });

  it("lets OpenTelemetry's span decide where acceptTraceHeaders says no (its propagator already continued the trace)", async () => {
    const traceId = newTraceId();
    const driven = await driveTest(service, { traceparent: tp('01', traceId, PARENT), 'x-untrusted': '1' }, []);
    expect(driven.traceId).toBe(traceId);
    expect(driven.body.rtracerId).toBe(traceId);
    const lines = await service.linesOf(traceId, responded);
    expect(lines).toHaveLength(3);
  });

  it("logs an unsampled trace (flags 00) with its trace id, though OpenTelemetry exports none of its spans", async () => {
    const traceId = newTraceId();
    const driven = await driveTest(service, { traceparent: tp('00', traceId, PARENT) }, []);
    expect(driven.traceId).toBe(traceId);
    const lines = await service.linesOf(traceId, responded);
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line.span.id).toMatch(HEX16);
    expect(await service.spansOf(traceId)).toEqual([]);
  });

  it('sends one traceparent per outbound call: the client span, whose parent is the span on the call line', async () => {
    const traceId = newTraceId();
    const paths = [calleePath('one'), calleePath('two')];
    const driven = await driveTest(service, { traceparent: tp('01', traceId, PARENT), tracestate: 'congo=t61rcWkgMzE' }, paths.map((p) => ({ url: `${callee.url}${p}` })));
    const lines = await service.linesOf(traceId, responded);
    const spans = await service.spansOf(traceId, covering(lines));
    const calls = withMessage(lines, HTTP_EVENTS.clientRequestCompleted);
    expect(calls).toHaveLength(2);
    paths.forEach((path, i) => {
      const [seen] = callee.seenAt(path);
      expect(seen.traceparent).toHaveLength(1);
      expect(seen.tracestate).toEqual(['congo=t61rcWkgMzE']);
      const parentId = seen.traceparent[0].split('-')[2];
      const clients = spans.filter((s) => s.kind === CLIENT && s.url === `${callee.url}${path}`);
      expect(clients).toHaveLength(1);
      expect(clients[0].spanId).toBe(parentId);
      // the documented rule: the call line carries the caller's active span, the client span's parent
      expect(clients[0].parentSpanId).toBe(calls[i].span.id);
      expect(calls[i].span.id).toBe(driven.body.active.spanId);
      expect(calls[i].url.full).toBe(`${callee.url}${path}`);
    });
  });

  it("traceHeaders() gives a client span of its own per call, child of the active span, and OpenTelemetry's headers for it", async () => {
    const traceId = newTraceId();
    const driven = await get(service, '/headers', { traceparent: tp('01', traceId, PARENT) });
    const ids = (driven.body.headers as { traceparent: string; tracestate?: string }[]).map((h) => {
      expect(h.traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
      expect(h).not.toHaveProperty('tracestate');
      return h.traceparent.split('-')[2];
    });
    expect(new Set([...ids, driven.body.active.spanId]).size).toBe(3);
    const spans = await service.spansOf(traceId, (found) => ids.every((id) => found.some((s) => s.spanId === id)));
    for (const id of ids) {
      const span = spans.find((s) => s.spanId === id);
      expect(span?.kind).toBe(CLIENT);
      expect(span?.parentSpanId).toBe(driven.body.active.spanId);
    }
  });

  it("withOutboundTrace() with node:http: its client span is active in the block, and the http instrumentation's client span (the one header sent) is its child", async () => {
    const traceId = newTraceId();
    const path = calleePath('http');
    const driven = await get(service, `/with-http?target=${encodeURIComponent(`${callee.url}${path}`)}`, { traceparent: tp('01', traceId, PARENT) });
    const [seen] = callee.seenAt(path);
    expect(seen.traceparent).toHaveLength(1);
    const lines = await service.linesOf(traceId, responded);
    const [sentLine] = withMessage(lines, 'http_call_sent');
    const spans = await service.spansOf(traceId, (found) => found.filter((s) => s.kind === CLIENT).length === 2);
    const ours = spans.find((s) => s.spanId === sentLine.span.id);
    expect(ours?.kind).toBe(CLIENT);
    expect(ours?.parentSpanId).toBe(driven.body.active.spanId);
    const httpClient = spans.find((s) => s.kind === CLIENT && s.parentSpanId === ours?.spanId);
    expect(seen.traceparent[0]).toBe(`00-${traceId}-${httpClient?.spanId}-01`);
    expect(withMessage(lines, 'http_call_done')[0].span.id).toBe(driven.body.active.spanId);
  });

  it('a plain fetch with traceHeaders() spread in carries two traceparent headers (documented), and that is reported once', async () => {
    const path = calleePath('plain');
    await get(service, `/fetch-with-trace-headers?target=${encodeURIComponent(`${callee.url}${path}`)}`, { traceparent: tp('01', newTraceId(), PARENT) });
    expect(callee.seenAt(path)[0].traceparent).toHaveLength(2);
    await until(() => service.stderr().includes('ECSCTX_EXPRESS_DOUBLE_TRACEPARENT'));
    expect(service.stderr().match(/ECSCTX_EXPRESS_DOUBLE_TRACEPARENT/g)).toHaveLength(1);
    expect(service.stderr()).not.toContain('ECSCTX_EXPRESS_FETCH_INSTRUMENTED');
  });

  it("a traced fetch outside any OpenTelemetry span (a job, a timer) continues ecsctx's own trace: the instrumentation's client span is a child of the span on the call line", async () => {
    const traceId = newTraceId();
    const path = calleePath('outside');
    await get(service, `/outside-otel?traceparent=${tp('01', traceId, PARENT)}&target=${encodeURIComponent(`${callee.url}${path}`)}`);
    const [seen] = callee.seenAt(path);
    expect(seen.traceparent).toHaveLength(1);
    const [, sentTrace, parentId] = seen.traceparent[0].split('-');
    expect(sentTrace).toBe(traceId);
    const lines = await service.linesOf(traceId, (l) => withMessage(l, HTTP_EVENTS.clientRequestCompleted).length === 1);
    const [call] = withMessage(lines, HTTP_EVENTS.clientRequestCompleted);
    const spans = await service.spansOf(traceId, (found) => found.some((s) => s.spanId === parentId));
    const client = spans.find((s) => s.spanId === parentId);
    expect(client?.kind).toBe(CLIENT);
    expect(client?.parentSpanId).toBe(call.span.id);
  });

  it('propagate cannot stop the undici instrumentation: the third party still gets its client span (documented)', async () => {
    const traceId = newTraceId();
    const path = calleePath('third-party');
    await get(service, `/third-party?target=${encodeURIComponent(`${callee.url}${path}`)}`, { traceparent: tp('01', traceId, PARENT) });
    const [seen] = callee.seenAt(path);
    expect(seen.traceparent).toHaveLength(1);
    const client = (await service.spansOf(traceId, (found) => found.some((s) => s.kind === CLIENT))).find((s) => s.kind === CLIENT)!;
    expect(seen.traceparent[0].split('-')[2]).toBe(client.spanId);
  });

  describe("the W3C Trace Context rules, by OpenTelemetry's propagator", () => {
    it.each(W3C_CASES.map((c) => [c.otel ? `${c.rule} (OpenTelemetry differs)` : c.rule, c] as const))('%s', async (_rule, c) => {
      const path = calleePath('w3c');
      const driven = await driveTest(service, c.headers as Record<string, string | string[]>, [{ url: `${callee.url}${path}` }]);
      expect(driven.status).toBe(200);
      const seen = callee.seenAt(path);
      expect(seen).toHaveLength(1);
      expectOutcome(seen[0], c.otel ?? c.ecsctx);
      // the parent-id the callee saw is the client span OpenTelemetry made (exported when sampled)
      const [, traceId, parentId, flags] = seen[0].traceparent[0].split('-');
      expect(parentId).toMatch(HEX16);
      if (flags === '01') {
        const spans = await service.spansOf(traceId, (found) => found.some((s) => s.spanId === parentId));
        expect(spans.find((s) => s.spanId === parentId)?.kind).toBe(CLIENT);
      }
    });
  });

  it('wrote only lines that pass the ECS checker', async () => {
    expect(service.raw.length).toBeGreaterThan(50);
    expect(await checkEcsLines(service.raw)).toEqual([]);
  });
});

describe('with the OpenTelemetry SDK and nothing instrumenting fetch (http, express instrumentations)', () => {
  let service: OtelService;
  beforeAll(async () => {
    service = await startOtelService('no-undici');
  }, 30_000);
  afterAll(() => service.stop());

  it('gives each call a client span of its own: one traceparent each, a different parent-id per call, the span on its call line', async () => {
    const traceId = newTraceId();
    const paths = [calleePath('no-undici'), calleePath('no-undici')];
    const driven = await driveTest(service, { traceparent: tp('01', traceId, PARENT), tracestate: 'congo=t61rcWkgMzE' }, paths.map((p) => ({ url: `${callee.url}${p}` })));
    const parents = paths.map((path) => {
      const [seen] = callee.seenAt(path);
      expect(seen.traceparent).toHaveLength(1);
      expect(seen.tracestate).toEqual(['congo=t61rcWkgMzE']);
      const [, sentTrace, parentId] = seen.traceparent[0].split('-');
      expect(sentTrace).toBe(traceId);
      return parentId;
    });
    expect(new Set([...parents, driven.body.active.spanId]).size).toBe(3);
    const lines = await service.linesOf(traceId, responded);
    const calls = withMessage(lines, HTTP_EVENTS.clientRequestCompleted);
    expect(calls.map((c) => c.span.id)).toEqual(parents);
    const spans = await service.spansOf(traceId, covering(lines));
    paths.forEach((path, i) => {
      const span = spans.find((s) => s.spanId === parents[i]);
      expect(span).toMatchObject({ kind: CLIENT, name: 'POST', parentSpanId: driven.body.active.spanId, url: `${callee.url}${path}` });
    });
    expectExportedIds(lines, spans);
    expect(await checkEcsLines(service.raw)).toEqual([]);
  });

  it("never sends an empty tracestate, where OpenTelemetry's propagator would (no member valid for it)", async () => {
    const traceId = newTraceId();
    const path = calleePath('no-undici-state');
    await driveTest(service, { traceparent: tp('01', traceId, PARENT), tracestate: 'Rojo=1,congo=' }, [{ url: `${callee.url}${path}` }]);
    const [seen] = callee.seenAt(path);
    expect(seen.traceparent).toHaveLength(1);
    expect(seen.tracestate).toEqual([]);
  });
});

describe('with ECSCTX_OTEL=off and the OpenTelemetry SDK instrumenting fetch (http, express, undici instrumentations)', () => {
  let service: OtelService;
  beforeAll(async () => {
    service = await startOtelService('otel-off');
  }, 30_000);
  afterAll(() => service.stop());

  it('names the combination at start-up (ECSCTX_EXPRESS_FETCH_INSTRUMENTED)', async () => {
    await until(() => service.stderr().includes('ECSCTX_EXPRESS_FETCH_INSTRUMENTED'));
    expect(service.stderr()).toContain('ECSCTX_OTEL=off');
  });

  it("sends one traceparent per call, never two: the instrumentation's, a parent-id of its own per call", async () => {
    const traceId = newTraceId();
    const paths = [calleePath('off'), calleePath('off')];
    await driveTest(service, { traceparent: tp('01', traceId, PARENT) }, paths.map((p) => ({ url: `${callee.url}${p}` })));
    const parents = paths.map((path) => {
      const [seen] = callee.seenAt(path);
      expect(seen.traceparent).toHaveLength(1);
      expect(seen.traceparent[0].split('-')[1]).toBe(traceId);
      return seen.traceparent[0].split('-')[2];
    });
    expect(new Set([...parents, PARENT]).size).toBe(3);
    expect(service.stderr()).not.toContain('ECSCTX_EXPRESS_DOUBLE_TRACEPARENT');
  });
});

describe('with the ecsctx middlewares left out of instrumentation-express (ignoreLayers)', () => {
  let service: OtelService;
  beforeAll(async () => {
    service = await startOtelService('quiet-layers');
  }, 30_000);
  afterAll(() => service.stop());

  it('logs the request lines in the server span', async () => {
    const traceId = newTraceId();
    await driveTest(service, { traceparent: tp('01', traceId, PARENT) }, []);
    const lines = await service.linesOf(traceId, responded);
    const spans = await service.spansOf(traceId, covering(lines));
    const server = spans.find((s) => s.kind === SERVER)!;
    expect(withMessage(lines, HTTP_EVENTS.requestReceived)[0].span.id).toBe(server.spanId);
    expect(withMessage(lines, HTTP_EVENTS.responseSent)[0].span.id).toBe(server.spanId);
    expectExportedIds(lines, spans);
    expect(await checkEcsLines(service.raw)).toEqual([]);
  });
});
