/**
 * OpenTelemetry interop of the core, with the real Node SDK, in-memory exporters and the real
 * `@opentelemetry/instrumentation-winston` (log correlation and log sending), each in a
 * plain node process so that the instrumentation's require hooks apply.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/capture';
import { checkEcsLines } from '../support/ecs-check';
import { ensureBuilt } from '../support/built';

function runFixture(mode: string, env: NodeJS.ProcessEnv = {}): { lines: Record<string, any>[]; raw: string[]; result: any } {
  const out = execFileSync(process.execPath, [join(__dirname, 'fixtures/otel-winston.cjs'), mode], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH, PROJECT_NAME: 'otel', ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
  const raw = out.split('\n').filter((l) => l.startsWith('{'));
  const resultLine = out.split('\n').find((l) => l.startsWith('RESULT '))!;
  return { lines: raw.map((l) => JSON.parse(l)), raw, result: JSON.parse(resultLine.slice(7)) };
}

beforeAll(() => {
  ensureBuilt();
});

describe('with the OpenTelemetry SDK and instrumentation-winston', () => {
  it('takes trace.id and span.id from the active span, the child span inside a child', async () => {
    const { lines, raw, result } = runFixture('sdk');
    const byMessage = Object.fromEntries(lines.map((l) => [l.message, l]));
    const spanOf = (name: string) => result.spans.find((s: any) => s.name === name);
    expect(byMessage.no_span.trace.id).toBe('0af7651916cd43dd8448eb211c80319c');
    expect(byMessage.no_span.span.id).toBe('aaaaaaaaaaaaaaaa');
    expect(byMessage.in_parent.trace.id).toBe(spanOf('parent').traceId);
    expect(byMessage.in_parent.span.id).toBe(spanOf('parent').spanId);
    expect(byMessage.in_child.span.id).toBe(spanOf('child').spanId);
    expect(byMessage.in_child.user.id).toBe('u-2');
    expect(await checkEcsLines(raw)).toEqual([]);
  });

  it('has one trace id and one span id per line: the flat trace_id/span_id/trace_flags are not copied', () => {
    const { lines } = runFixture('sdk');
    for (const line of lines) {
      expect(line.extra?.trace_id).toBeUndefined();
      expect(line.extra?.span_id).toBeUndefined();
      expect(line.extra?.trace_flags).toBeUndefined();
      expect(JSON.stringify(line)).not.toMatch(/"trace_(id|flags)"|"span_id"/);
    }
  });

  it("keeps the instrumentation's log sending working beside the stdout transport", () => {
    const { lines, result } = runFixture('sdk');
    expect(lines).toHaveLength(5);
    expect(result.records.map((r: any) => r.body)).toEqual(['no_span', 'in_parent', 'in_child', 'in_call', 'outbound']);
    expect(result.records[1].traceId).toBe(result.spans.find((s: any) => s.name === 'parent').traceId);
  });

  it("createOutboundTrace() (a job's carrier) gives OpenTelemetry's headers for the active span", () => {
    const { lines, result } = runFixture('sdk');
    const outbound = lines.find((l) => l.message === 'outbound')!;
    const parent = result.spans.find((s: any) => s.name === 'parent');
    expect(outbound.extra.managed).toBe(true);
    expect(outbound.extra.outbound_parent).toBe(parent.spanId);
  });

  it('startOutboundSpan() and buildTraceparent() give each outbound call a client span of its own, child of the active span: the parent-id sent', () => {
    const { lines, result } = runFixture('sdk');
    const outbound = lines.find((l) => l.message === 'outbound')!;
    const parent = result.spans.find((s: any) => s.name === 'parent');
    const sent = [outbound.extra.tp, outbound.extra.tp2, outbound.extra.call.tp].map((tp: string) => {
      expect(tp).toMatch(new RegExp(`^00-${parent.traceId}-[0-9a-f]{16}-01$`));
      return tp.split('-')[2];
    });
    expect(new Set([...sent, parent.spanId]).size).toBe(4);
    for (const id of sent) expect(result.spans.find((s: any) => s.spanId === id)).toMatchObject({ kind: 2, parentSpanId: parent.spanId });
    // the call's span: active while the call runs (its lines carry it), ended with its outcome
    const call = result.spans.find((s: any) => s.spanId === outbound.extra.call.span);
    expect(call).toMatchObject({ name: 'GET', status: 2, attributes: { 'http.request.method': 'GET', 'http.response.status_code': 503 } });
    expect(lines.find((l) => l.message === 'in_call')!.span.id).toBe(call.spanId);
  });

  it('without a tracer provider (the no-op tracer), each call still gets a new parent-id in the active trace', () => {
    const { lines } = runFixture('context-only');
    const outbound = lines.find((l) => l.message === 'outbound')!;
    const sent = [outbound.extra.tp, outbound.extra.tp2, outbound.extra.call.tp].map((tp: string) => {
      expect(tp).toMatch(/^00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01$/);
      return tp.split('-')[2];
    });
    expect(new Set([...sent, '00f067aa0ba902b7']).size).toBe(4);
    expect(outbound.extra.call.managed).toBe(true);
  });
});

describe('without OpenTelemetry', () => {
  it('the library context applies when no SDK is registered', () => {
    const { lines } = runFixture('none');
    const byMessage = Object.fromEntries(lines.map((l) => [l.message, l]));
    expect(byMessage.in_parent.trace.id).toBe('0af7651916cd43dd8448eb211c80319c');
    expect(byMessage.in_parent.span.id).toBe('bbbbbbbbbbbbbbbb');
    expect(byMessage.outbound.extra.managed).toBe(false);
    expect(byMessage.outbound.extra.tp).toMatch(/^00-0af7651916cd43dd8448eb211c80319c-[0-9a-f]{16}-01$/);
    expect(byMessage.outbound.extra.call.managed).toBe(false);
    expect(byMessage.in_call.span.id).toBe(byMessage.outbound.extra.call.span);
    expect(new Set([byMessage.outbound.extra.tp, byMessage.outbound.extra.tp2, byMessage.outbound.extra.call.tp]).size).toBe(3);
  });

  it('ECSCTX_OTEL=off switches the lookup off even with an SDK registered', () => {
    const { lines } = runFixture('sdk', { ECSCTX_OTEL: 'off' });
    const inParent = lines.find((l) => l.message === 'in_parent')!;
    expect(inParent.span.id).toBe('bbbbbbbbbbbbbbbb');
  });
});
